// Scope checks the API routes call after normalising their inputs. The order is fixed (action, bucket,
// domain) so a request outside several scopes always gets the same code.
import { actionNotAllowed, bucketOutOfScope, domainOutOfScope } from './problems.ts';
import { compileBucketGlobs, domainMatches } from './scope-patterns.ts';
import type { AccessRequest, Principal } from './types.ts';

/** Throws the 403 ProblemError for the first scope the request falls outside. */
export function authorize(principal: Principal, need: AccessRequest): void {
  if (!principal.scopes.actions.includes(need.action)) throw actionNotAllowed(need.action);
  if (!canSeeBucket(principal, need.bucket)) throw bucketOutOfScope(need.bucket);
  if (need.domain !== undefined && !canSeeDomain(principal, need.domain)) throw domainOutOfScope(need.domain);
}

export function canSeeBucket(principal: Principal, bucket: string): boolean {
  const matcher = principal.bucketMatcher ?? compileBucketGlobs(principal.scopes.buckets);
  return matcher.test(bucket);
}

/** For filtering lists: domains outside the key's scope are left out rather than refused. */
export function canSeeDomain(principal: Principal, domain: string): boolean {
  return domainMatches(principal.scopes.domains, domain);
}
