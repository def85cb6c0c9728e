// Turns a finished write request into its audit entry: who, what, on which bucket and domain, the outcome
// (success or the problem code), the OSS request ids and the certificate it left. Never a body as such:
// only the named fields are copied, so no key, PEM or token can slip in.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { currentRequestContext } from '../request/context.ts';
import type { CertificateState, NewAuditEntry } from './entry.ts';

export const REPLAYED = 'replayed';

export function auditEntryOf(request: FastifyRequest, reply: FastifyReply, payload: unknown): NewAuditEntry {
  const status = reply.statusCode;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const body = (request.body ?? {}) as Record<string, unknown>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const answer = status < 300 || isProblem(reply) ? parse(payload) : undefined;
  const replayed = reply.getHeader('idempotent-replayed') === 'true';
  const oss = currentRequestContext()?.oss ?? [];
  const dryRun = query.dryRun === true;
  return {
    actor: request.principal?.keyId ?? 'anonymous',
    actorReason: null,
    requestId: String(request.id),
    action: operationOf(request),
    method: request.method,
    route: request.routeOptions.url ?? null,
    status,
    bucket: text(params.bucket),
    domain:
      text(params.domain ?? body.domain)
        ?.toLowerCase()
        .replace(/\.$/, '') ?? null,
    outcome: replayed ? REPLAYED : status < 400 ? 'success' : (text(answer?.code) ?? `http-${status}`),
    ossRequestIds: [...new Set(oss.map((call) => call.requestId).filter((id) => id !== undefined))],
    // Filled in by the log as it appends a change: what the last change of this binding left.
    certificateBefore: null,
    certificateAfter: status < 300 && !dryRun && !replayed ? certificateAfter(request, answer) : null,
    idempotencyKey: request.idempotencyKey ?? null,
    dryRun,
  };
}

function operationOf(request: FastifyRequest): string {
  const schema = request.routeOptions.schema as { operationId?: unknown } | undefined;
  return text(schema?.operationId) ?? `${request.method} ${request.routeOptions.url ?? 'unmatched'}`;
}

function certificateAfter(
  request: FastifyRequest,
  answer: Record<string, unknown> | undefined,
): CertificateState | null {
  if (request.method === 'DELETE') return null;
  const certificate = answer?.certificate;
  if (certificate === null || typeof certificate !== 'object') return null;
  const c = certificate as Record<string, unknown>;
  return {
    certId: text(c.certId),
    fingerprint: text(c.fingerprint),
    validFrom: text(c.validFrom),
    validUntil: text(c.validUntil),
  };
}

function isProblem(reply: FastifyReply): boolean {
  return String(reply.getHeader('content-type') ?? '').includes('problem+json');
}

function parse(payload: unknown): Record<string, unknown> | undefined {
  const raw =
    typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
  if (raw === '') return undefined;
  try {
    const value = JSON.parse(raw) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
