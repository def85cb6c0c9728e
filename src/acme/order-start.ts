// The first half of an order: create it, write its TXT values, see them through our resolvers, and ask
// the CA to validate. Each function takes a record and returns the next one (or throws an AcmeError and
// the caller keeps the record it had).

import { mapAcmeErrors } from './account.ts';
import { AcmeError } from './errors.ts';
import { challengeBase, challengeLabel } from './label.ts';
import { later, type OrderContext, orderRef } from './order-context.ts';
import { precheckChallenge } from './precheck.ts';
import type { OrderChallenge, OrderRecord } from './types.ts';

export async function startOrder(
  ctx: OrderContext,
  domains: string[],
  opts: { replaces?: string | undefined } = {},
): Promise<OrderRecord> {
  const { client } = ctx.account;
  // `replaces` is an ARI field (RFC 9773 §5); a CA without renewalInfo may refuse it as unknown.
  const replaces = ctx.account.renewalInfoUrl === undefined ? undefined : opts.replaces;
  ctx.limiter?.reserve(domains);
  return mapAcmeErrors(async () => {
    const order = await client.createOrder({
      identifiers: domains.map((value) => ({ type: 'dns', value })),
      // RFC 9773: a renewal names the certificate it replaces; passed through by acme-client.
      ...(replaces === undefined ? {} : ({ replaces } as object)),
    });
    const challenges: OrderChallenge[] = [];
    for (const authz of await client.getAuthorizations(order)) {
      if (authz.status === 'valid') continue; // reused from an earlier order
      const challenge = authz.challenges.find((c) => c.type === 'dns-01');
      if (authz.status !== 'pending' || challenge === undefined) {
        throw new AcmeError(
          'acme-order-failed',
          `The CA offers no usable DNS-01 challenge for ${authz.identifier.value} (authorization ${authz.status}).`,
        );
      }
      const domain = `${authz.wildcard === true ? '*.' : ''}${authz.identifier.value}`;
      challenges.push({
        domain,
        authorizationUrl: authz.url,
        challengeUrl: challenge.url,
        label: challengeLabel(challengeBase(domain), ctx.labelSecret),
        value: await client.getChallengeKeyAuthorization(challenge),
      });
    }
    const record: OrderRecord = {
      version: 1,
      directoryUrl: ctx.account.directoryUrl,
      accountUrl: ctx.account.accountUrl,
      domains: [...domains],
      keyType: ctx.account.keyType,
      step: challenges.length > 0 ? 'publish' : order.status === 'ready' ? 'finalize' : 'poll',
      orderUrl: order.url,
      finalizeUrl: order.finalize,
      challenges,
      createdAt: new Date(ctx.now?.() ?? Date.now()).toISOString(),
      ...(replaces === undefined ? {} : { replaces }),
    };
    return record;
  });
}

export async function publishChallenges(ctx: OrderContext, record: OrderRecord): Promise<OrderRecord> {
  for (const challenge of record.challenges) await ctx.records.publish(challenge.label, challenge.value);
  return { ...record, step: 'precheck' };
}

/** Throws acme-challenge-not-visible (retryable, record unchanged) until every value is visible. */
export async function precheckChallenges(ctx: OrderContext, record: OrderRecord): Promise<OrderRecord> {
  for (const challenge of record.challenges) {
    await precheckChallenge(challenge, ctx.account.dnsZone, ctx.precheck);
  }
  return { ...record, step: 'complete' };
}

export async function completeChallenges(ctx: OrderContext, record: OrderRecord): Promise<OrderRecord> {
  const { client } = ctx.account;
  await mapAcmeErrors(async () => {
    const authzs = await client.getAuthorizations(
      orderRef(record) as Parameters<typeof client.getAuthorizations>[0],
    );
    for (const challenge of record.challenges) {
      const authz = authzs.find((a) => a.url === challenge.authorizationUrl);
      const current = authz?.challenges.find((c) => c.url === challenge.challengeUrl);
      // After a restart the CA may already be validating: completing twice is refused by some CAs.
      if (authz?.status !== 'pending' || current === undefined || current.status !== 'pending') continue;
      await client.completeChallenge(current);
    }
  });
  return later(ctx, { ...record, step: 'poll' });
}
