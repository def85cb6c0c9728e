import { describe, expect, it } from 'vitest';
import { globsWithin, subscriptionMatches } from '../../src/webhooks/index.ts';

describe('subscription matching', () => {
  it('delivers an event of a subscribed type on a bucket its globs match', () => {
    const filter = { events: ['domain.ready', 'domain.failed'], buckets: ['web-*', 'assets'] };
    expect(subscriptionMatches(filter, { type: 'domain.ready', bucket: 'web-prod' })).toBe(true);
    expect(subscriptionMatches(filter, { type: 'domain.ready', bucket: 'assets' })).toBe(true);
    expect(subscriptionMatches(filter, { type: 'domain.bound', bucket: 'web-prod' })).toBe(false);
    expect(subscriptionMatches(filter, { type: 'domain.ready', bucket: 'assets-2' })).toBe(false);
  });

  it("keeps a subscription's globs within its creator's bucket scope", () => {
    expect(globsWithin(['web-prod-*', 'web-a'], ['web-*'])).toBe(true);
    expect(globsWithin(['*'], ['*'])).toBe(true);
    expect(globsWithin(['web-*'], ['web-*-x'])).toBe(false);
    expect(globsWithin(['*'], ['web-*'])).toBe(false);
    expect(globsWithin(['w*b*'], ['w*b'])).toBe(false);
    expect(globsWithin(['assets'], ['web-*', 'assets'])).toBe(true);
  });
});
