// The CertificateDriver over ACME: each advance loads the domain's stored order, runs its steps as far as
// they go now (waiting inline a few seconds for the CA at most), stores the record after every step, and
// says what it saw. A renewal is a new order; the old certificate stays served until the new one is issued.

import { randomBytes } from 'node:crypto';
import {
  type AcmeAccount,
  type AcmeSettings,
  advanceOrder,
  type ChallengeRecords,
  challengeCname,
  createPrivateKey,
  describeCertificate,
  fetchRenewalInfo,
  type OrderContext,
  OrderLimiter,
  type OrderLimits,
  openAccount,
  renewalTime,
  startOrder,
} from '../acme/index.ts';
import type { DnsServerAddress } from '../dns/types.ts';
import type { DomainRow, Observation } from '../domains/index.ts';
import type { Sealer } from '../secrets/index.ts';
import type { Store } from '../store/index.ts';
import { withSpan } from '../telemetry/index.ts';
import { storeAccountStore } from './account-store.ts';
import { certificateStore, type StoredOrder } from './certificate-store.ts';
import type { CertificateDriver } from './driver.ts';
import { failedObservation, issuedObservation, orderIsDead } from './observe.ts';

export interface AcmeDriverOptions {
  settings: AcmeSettings;
  store: Store;
  sealer: Sealer;
  /** Where challenge TXT values are written (Alidns in service). */
  records: ChallengeRecords;
  /** The service's own resolvers for the pre-check (DNS_RESOLVERS, or the emulator's DNS). */
  resolvers: DnsServerAddress[];
  pollIntervalMs?: number;
  /** How long one advance may wait for the CA before returning; default 10 s. */
  inlineWaitMs?: number;
  limits?: OrderLimits;
  now?: () => number;
}

export async function createAcmeDriver(opts: AcmeDriverOptions): Promise<CertificateDriver> {
  const clock = opts.now ?? Date.now;
  const accounts = storeAccountStore(opts.store, opts.sealer, clock);
  const certs = certificateStore(opts.store, opts.sealer, clock);
  // One secret for every replica and for ever: customers' CNAMEs point at labels derived from it.
  const labelSecret = await certs.labelSecret(() => randomBytes(32).toString('base64url'));
  const zone = opts.settings.dnsZone;
  let account: Promise<AcmeAccount> | undefined;
  const openOnce = () => {
    account ??= openAccount(opts.settings, accounts).catch((error: unknown) => {
      account = undefined; // the next advance tries again
      throw error;
    });
    return account;
  };

  async function context(): Promise<OrderContext> {
    const acct = await openOnce();
    const snapshot = await accounts.loadLimits(acct.directoryUrl);
    return {
      account: acct,
      records: opts.records,
      labelSecret,
      precheck: { resolvers: opts.resolvers, timeoutMs: 2_000 },
      pollIntervalMs: opts.pollIntervalMs ?? 1_000,
      now: clock,
      limiter: new OrderLimiter({ now: clock, snapshot, ...(opts.limits ? { limits: opts.limits } : {}) }),
    };
  }

  async function renewAfter(ctx: OrderContext, issued: ReturnType<typeof describeCertificate>) {
    // ARI is advice: without an answer the usual third-of-the-lifetime rule applies.
    const info = await fetchRenewalInfo(ctx.account, issued.ariCertId).catch(() => undefined);
    return renewalTime(issued, { window: info?.window });
  }

  async function run(row: DomainRow, effect: 'issue' | 'renew'): Promise<Observation[]> {
    const { bucket, domain } = row;
    const seen: Observation[] = [];
    // Once per call: after finalize the order polls again, and that is not a second validation.
    const validated = () => {
      if (!seen.some((o) => o.kind === 'certificate' && o.step === 'validated')) {
        seen.push({ kind: 'certificate', step: 'validated' });
      }
    };
    let ctx: OrderContext;
    try {
      ctx = await context();
    } catch (error) {
      return [failedObservation(error)];
    }
    const limitsBefore = JSON.stringify(ctx.limiter?.snapshot());
    let order = await certs.loadOrder(bucket, domain);
    if (order !== undefined && order.record.directoryUrl !== ctx.account.directoryUrl) {
      await certs.deleteOrder(bucket, domain); // ACME_DIRECTORY_URL changed: that order is gone with it
      order = undefined;
    }
    try {
      if (order === undefined) {
        const previous = effect === 'renew' ? await certs.loadCertificate(bucket, domain) : undefined;
        const replaces = previous && describeCertificate(previous.certificatePem).ariCertId;
        const keyPem = await createPrivateKey(ctx.account.keyType);
        const record = await startOrder(ctx, [domain], { replaces });
        order = { effect, record, keyPem };
        await certs.saveOrder(bucket, domain, order);
        seen.push({ kind: 'certificate', step: 'ordered' });
      }
      const deadline = clock() + (opts.inlineWaitMs ?? 10_000);
      for (;;) {
        const current: StoredOrder = order;
        const wait = current.record.notBefore ? Date.parse(current.record.notBefore) - clock() : 0;
        if (wait > 0) {
          if (clock() + wait > deadline) return seen;
          await pause(wait);
        }
        const before = current.record.step;
        const result = await advanceOrder(ctx, current.record, current.keyPem);
        if (result.certificate !== undefined) {
          const issued = result.certificate;
          await certs.saveIssued(bucket, domain, {
            certificatePem: issued.certificatePem,
            keyPem: current.keyPem,
            notBefore: new Date(issued.notBefore),
            notAfter: new Date(issued.notAfter),
          });
          if (before === 'poll') validated();
          seen.push(issuedObservation(issued, await renewAfter(ctx, issued)));
          return seen;
        }
        order = { ...current, record: result.record };
        await certs.saveOrder(bucket, domain, order);
        const after = result.record.step;
        if (after === 'finalize' || (before === 'poll' && after === 'download')) {
          validated();
        }
      }
    } catch (error) {
      if (order !== undefined && orderIsDead(error, order.record.step)) {
        await certs.deleteOrder(bucket, domain);
      }
      seen.push(failedObservation(error));
      return seen;
    } finally {
      const snapshot = ctx.limiter?.snapshot();
      if (snapshot !== undefined && JSON.stringify(snapshot) !== limitsBefore) {
        await accounts.saveLimits(ctx.account.directoryUrl, snapshot);
      }
    }
  }

  return {
    challengeRecord(domain) {
      const cname = challengeCname(domain, labelSecret, zone);
      return { name: cname.name, value: cname.value, zone: zone.replace(/\.$/, '').toLowerCase() };
    },
    advance(row, effect, _now) {
      return withSpan(`acme.${effect}`, () => run(row, effect), {
        attributes: { 'acme.domain': row.domain, 'acme.effect': effect },
        describe: (seen) => ({
          'acme.observed': seen.map((o) => (o.kind === 'certificate' ? o.step : o.kind)).join(','),
        }),
      });
    },
    async material(bucket, domain) {
      const stored = await certs.loadCertificate(bucket, domain);
      if (stored === undefined) return undefined;
      return { certificatePem: stored.certificatePem, privateKeyPem: stored.keyPem };
    },
    async forget(bucket, domain) {
      const order = await certs.loadOrder(bucket, domain);
      if (order !== undefined) {
        for (const c of order.record.challenges) await opts.records.remove(c.label, c.value).catch(() => {});
      }
      await certs.forget(bucket, domain);
    },
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
