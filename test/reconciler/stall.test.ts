// A short schedule runs out: the domain is `stalled` (never deleted), keeps its token, and POST …/check
// re-arms it with the same token, so the record the owner published late still counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DomainStack, startDomainStack, until } from './helpers.ts';

let stack: DomainStack;
beforeAll(async () => {
  stack = await startDomainStack({ RECONCILE_MAX_ATTEMPTS: 3, RECONCILE_STALLED_INTERVAL_MS: 86_400_000 });
});
afterAll(() => stack.close());

describe('stall and re-arm', () => {
  it('stalls after the schedule, then /check re-arms it with the same token', async () => {
    const domain = 'slow.example.com';
    const path = `/buckets/examplebucket/domains/${domain}`;
    const attached = await stack.call('POST', '/buckets/examplebucket/domains', {
      domain,
      certificate: 'none',
    });
    const txt = attached.body.dnsRecords.find((r: { purpose: string }) => r.purpose === 'ownership');
    const stalled = await until('stalled', async () => {
      const res = await stack.call('GET', path);
      return res.body.status === 'stalled' ? res.body : undefined;
    });
    expect(stalled.checks).toMatchObject({ attempts: 3, lastError: { code: 'ownership-txt-missing' } });
    // Next look in a day, not sooner.
    expect(Date.parse(stalled.checks.nextCheckAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(await stack.events(domain)).toEqual(['domain.created', 'domain.stalled']);

    await stack.publish(txt.name, 'TXT', txt.value);
    const rearmed = await stack.call('POST', `${path}/check`);
    expect(rearmed.status).toBe(202);
    expect(rearmed.body.status).toBe('pending_ownership');
    const bound = await until('bound', async () => {
      const res = await stack.call('GET', path);
      return res.body.status === 'bound' ? res.body : undefined;
    });
    const sameToken = bound.dnsRecords.find((r: { purpose: string }) => r.purpose === 'ownership');
    expect(sameToken.value).toBe(txt.value);
    expect(await stack.events(domain)).toEqual([
      'domain.created',
      'domain.stalled',
      'domain.ownership_verified',
      'domain.bound',
      'domain.ready',
    ]);
  });

  it('answers 404 domain-not-managed for /check and DELETE of an unknown domain', async () => {
    const path = '/buckets/examplebucket/domains/unknown.example.com';
    expect((await stack.call('POST', `${path}/check`)).body.code).toBe('domain-not-managed');
    expect((await stack.call('DELETE', path)).status).toBe(404);
  });
});
