// The second half of an order: follow the CA's verdict, send the CSR, fetch the certificate. The TXT
// values are removed as soon as validation is over, whether it passed or not.

import { X509Certificate } from 'node:crypto';
import acme from 'acme-client';
import { mapAcmeErrors } from './account.ts';
import { ariCertId } from './ari-cert-id.ts';
import { AcmeError, fromAcmeProblem, fromChallengeError } from './errors.ts';
import { later, type OrderContext, orderRef, removeChallengeRecords } from './order-context.ts';
import { AcmeProblem } from './problem.ts';
import type { IssuedCertificate, OrderRecord } from './types.ts';

type Order = Parameters<acme.Client['getOrder']>[0];

export async function pollOrder(ctx: OrderContext, record: OrderRecord): Promise<OrderRecord> {
  const { client } = ctx.account;
  const order = await mapAcmeErrors(() => client.getOrder(orderRef(record) as Order));
  switch (order.status) {
    case 'pending':
    case 'processing':
      return later(ctx, record);
    case 'ready':
      await removeChallengeRecords(ctx, record);
      return withoutHint({ ...record, step: 'finalize' });
    case 'valid':
      await removeChallengeRecords(ctx, record);
      return withoutHint({ ...record, step: 'download', certificateUrl: order.certificate as string });
    default:
      await removeChallengeRecords(ctx, record);
      throw await invalidOrderError(ctx, record, order.error);
  }
}

function withoutHint(record: OrderRecord): OrderRecord {
  const { notBefore: _, ...rest } = record;
  return rest;
}

/** Names the challenge that failed, in the CA's words; else the order's own error. */
async function invalidOrderError(ctx: OrderContext, record: OrderRecord, error: unknown): Promise<AcmeError> {
  const { client } = ctx.account;
  const authzs = await mapAcmeErrors(() => client.getAuthorizations(orderRef(record) as Order));
  for (const authz of authzs) {
    const failed = authz.challenges.find((c) => c.status === 'invalid' && c.error !== undefined);
    if (failed !== undefined) {
      ctx.limiter?.recordFailure(authz.identifier.value);
      return fromChallengeError(AcmeProblem.fromDocument(failed.error), authz.identifier.value);
    }
  }
  if (error !== undefined) return fromAcmeProblem(AcmeProblem.fromDocument(error));
  return new AcmeError(
    'acme-order-failed',
    `The CA marked order ${record.orderUrl} invalid without a reason.`,
  );
}

/**
 * Sends the CSR for keyPem. The caller generates the key and stores it (encrypted) before calling, so a
 * restart after this call still holds the key the certificate will be for.
 */
export async function finalizeOrder(
  ctx: OrderContext,
  record: OrderRecord,
  keyPem: string,
): Promise<OrderRecord> {
  const { client } = ctx.account;
  const [, csr] = await acme.crypto.createCsr(
    { commonName: record.domains[0], altNames: record.domains },
    keyPem,
  );
  try {
    const order = await client.finalizeOrder(orderRef(record) as Order, csr);
    if (order.status === 'valid' && order.certificate !== undefined) {
      return withoutHint({ ...record, step: 'download', certificateUrl: order.certificate });
    }
    return later(ctx, { ...record, step: 'poll' });
  } catch (error) {
    // Finalized before a restart: the CA refuses a second CSR; the order's status tells where we are.
    if (error instanceof AcmeProblem && error.type === 'orderNotReady') return pollOrder(ctx, record);
    if (error instanceof AcmeProblem) throw fromAcmeProblem(error);
    throw error;
  }
}

export async function downloadCertificate(
  ctx: OrderContext,
  record: OrderRecord,
): Promise<{ record: OrderRecord; certificate: IssuedCertificate }> {
  const { client } = ctx.account;
  const certificatePem = await mapAcmeErrors(() => client.getCertificate(orderRef(record) as Order));
  return { record: { ...record, step: 'done' }, certificate: describeCertificate(certificatePem) };
}

export function describeCertificate(certificatePem: string): IssuedCertificate {
  const leaf = new X509Certificate(certificatePem);
  return {
    certificatePem,
    notBefore: new Date(leaf.validFrom).toISOString(),
    notAfter: new Date(leaf.validTo).toISOString(),
    ariCertId: ariCertId(leaf),
  };
}
