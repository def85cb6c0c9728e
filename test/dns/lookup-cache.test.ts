import { describe, expect, it } from 'vitest';
import { answerTtlSeconds, DnsLookupCache } from '../../src/dns/preflight/lookup-cache.ts';
import type { DnsQueryResult } from '../../src/dns/types.ts';

function result(
  answers: Array<[string, number, string]>,
  authorities: Array<[string, number, string]> = [],
): DnsQueryResult {
  const records = (list: Array<[string, number, string]>) =>
    list.map(([type, ttl, data]) => ({ name: 'a.example.com', type, ttl, data }));
  return {
    rcode: 'NOERROR',
    authoritative: true,
    answers: records(answers),
    authorities: records(authorities),
  };
}

describe('DnsLookupCache', () => {
  it('derives the lifetime from the shortest TTL, SOA MINIMUM included', () => {
    expect(
      answerTtlSeconds(
        result([
          ['TXT', 300, 'x'],
          ['TXT', 60, 'y'],
        ]),
      ),
    ).toBe(60);
    expect(
      answerTtlSeconds(
        result([], [['SOA', 600, 'ns1.example.com hostmaster.example.com 1 3600 600 604800 45']]),
      ),
    ).toBe(45);
    expect(answerTtlSeconds(result([]))).toBeUndefined();
  });

  it('expires entries at the record TTL and at the cap, whichever comes first', () => {
    let clock = 0;
    const cache = new DnsLookupCache({ maxTtlMs: 10_000, now: () => clock });
    cache.set('short', result([['A', 2, '192.0.2.1']]));
    cache.set('long', result([['A', 3600, '192.0.2.1']]));
    clock = 1_999;
    expect(cache.get('short')).toBeDefined();
    clock = 2_000;
    expect(cache.get('short')).toBeUndefined();
    clock = 9_999;
    expect(cache.get('long')).toBeDefined();
    clock = 10_000;
    expect(cache.get('long')).toBeUndefined();
  });

  it('does not cache TTL-0 answers', () => {
    const cache = new DnsLookupCache({ maxTtlMs: 10_000 });
    cache.set('zero', result([['A', 0, '192.0.2.1']]));
    expect(cache.get('zero')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the oldest entries beyond its size', () => {
    const cache = new DnsLookupCache({ maxTtlMs: 10_000, maxEntries: 2 });
    cache.set('one', result([['A', 60, '192.0.2.1']]));
    cache.set('two', result([['A', 60, '192.0.2.2']]));
    cache.set('three', result([['A', 60, '192.0.2.3']]));
    expect(cache.size).toBe(2);
    expect(cache.get('one')).toBeUndefined();
    expect(cache.get('three')?.answers[0]?.data).toBe('192.0.2.3');
  });
});

describe('describeFailures', () => {
  it('lists servers without their error codes (issue 19, F5), or says that none are configured', async () => {
    const { describeFailures } = await import('../../src/dns/preflight/lookup.ts');
    const failures = [
      { server: '127.0.0.1:53', code: 'DNS_TIMEOUT' },
      { server: '[::1]:53', code: 'DNS_UNREACHABLE' },
    ];
    expect(describeFailures(failures)).toBe('127.0.0.1:53 (no answer), [::1]:53 (no answer)');
    expect(describeFailures([])).toBe('no DNS servers are configured');
  });
});
