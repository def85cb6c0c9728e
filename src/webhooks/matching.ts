// Which subscriptions receive an event, and whether a subscription's bucket globs stay inside the bucket
// scope of the key that creates it.
import { compileBucketGlobs } from '../auth/scope-patterns.ts';

export interface SubscriptionFilter {
  events: readonly string[];
  buckets: readonly string[];
}

export function subscriptionMatches(
  filter: SubscriptionFilter,
  event: { type: string; bucket: string },
): boolean {
  return filter.events.includes(event.type) && compileBucketGlobs(filter.buckets).test(event.bucket);
}

/**
 * True when every bucket `glob` may match is matched by one of `scope`. Bucket globs hold no literal
 * `*`, so a scope glob whose expression matches the requested glob's text (its `*` taken as a letter)
 * covers all of it: each `*` there can only be taken by a `*` of the scope glob. Conservative: a glob
 * covered only by several scope globs together is refused.
 */
export function globsWithin(requested: readonly string[], scope: readonly string[]): boolean {
  const covers = scope.map((s) => compileBucketGlobs([s]));
  return requested.every((glob) => covers.some((c) => c.test(glob)));
}
