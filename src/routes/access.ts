// The routes' view of authorization: one call per needed action, before OSS is called.
import type { FastifyRequest } from 'fastify';
import { authorize, canSeeBucket, canSeeDomain } from '../auth/authorize.ts';
import { missingApiKey } from '../auth/problems.ts';
import type { Action, Principal } from '../auth/types.ts';
import { requireDomain } from '../domain/require-domain.ts';
import type { WriteContext } from '../services/index.ts';

export function requireAccess(
  request: FastifyRequest,
  action: Action,
  bucket: string,
  domain?: string,
): void {
  authorize(principalOf(request), { action, bucket, domain });
}

/**
 * The normalised domain a route acts on, once the caller's key may do `action` to it on `bucket`. An
 * invalid name is refused (400) before the scopes are asked, so the answer never depends on them.
 */
export function authorizedDomain(
  request: FastifyRequest,
  action: Action,
  bucket: string,
  rawDomain: string,
): string {
  const { domain } = requireDomain(rawDomain);
  requireAccess(request, action, bucket, domain);
  return domain;
}

/** The same for a route on `/buckets/:bucket/…/:domain`: the bucket and the normalised domain. */
export function authorizedParams(
  request: FastifyRequest & { params: { bucket: string; domain: string } },
  action: Action,
): { bucket: string; domain: string } {
  const { bucket } = request.params;
  return { bucket, domain: authorizedDomain(request, action, bucket, request.params.domain) };
}

/** Which domains of a listing the caller's key may see. */
export function visibleDomains(request: FastifyRequest): (domain: string) => boolean {
  const principal = principalOf(request);
  return (domain) => canSeeDomain(principal, domain);
}

/** How a write runs for this caller: for real or as a dry run, and which other buckets it may name. */
export function writeContext(
  request: FastifyRequest,
  dryRun: boolean | undefined,
  scope?: { bucket: string; domain: string },
): WriteContext {
  const principal = principalOf(request);
  return {
    keyId: principal.keyId,
    dryRun: dryRun === true,
    canSeeBucket: (bucket) => canSeeBucket(principal, bucket),
    canSeeDomain: (domain) => canSeeDomain(principal, domain),
    requireCertWrite:
      scope === undefined || principal.scopes.actions.includes('cert:write')
        ? undefined
        : () => authorize(principal, { action: 'cert:write', ...scope }),
  };
}

/** The caller's API key id: what it asks for counts against it (token shares, issue 19, F7). */
export function callerKeyId(request: FastifyRequest): string {
  return principalOf(request).keyId;
}

/** The auth plugin runs first on every API route; no principal means no key was accepted. */
function principalOf(request: FastifyRequest): Principal {
  if (request.principal === undefined) throw missingApiKey();
  return request.principal;
}
