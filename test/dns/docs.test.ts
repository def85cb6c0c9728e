import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PREFLIGHT_CHECK_IDS } from '../../src/dns/preflight.ts';

const doc = readFileSync(new URL('../../docs/dns.md', import.meta.url), 'utf8');

describe('docs/dns.md', () => {
  it('has a row for every pre-flight check', () => {
    const documented = [...doc.matchAll(/^\| `([a-z-]+)`\s*\|/gm)].map((match) => match[1]);
    expect(documented).toEqual([...PREFLIGHT_CHECK_IDS]);
  });

  it('names every query error code', () => {
    for (const code of [
      'DNS_TIMEOUT',
      'DNS_UNREACHABLE',
      'DNS_BAD_RESPONSE',
      'DNS_INVALID_NAME',
      'DNS_INVALID_RECORD',
    ]) {
      expect(doc).toContain(`\`${code}\``);
    }
  });
});
