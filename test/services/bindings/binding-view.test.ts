// bindingView's Unicode form takes a shortcut for plain ASCII names; it must answer exactly what
// node:url's domainToUnicode (falling back to the name itself) answers, for any name OSS could list.
import { domainToUnicode } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CnameInfo } from '../../../src/oss/types.ts';
import { bindingView } from '../../../src/services/bindings/binding-view.ts';

function info(domain: string): CnameInfo {
  return {
    domain,
    lastModified: { raw: '', iso: undefined },
    status: 'Enabled',
    certificate: undefined,
    isWildcard: false,
  };
}

const unicode = (domain: string) => bindingView('examplebucket', 'cn-hangzhou', info(domain)).domainUnicode;
const expected = (domain: string) => domainToUnicode(domain) || domain;

describe('bindingView domainUnicode', () => {
  it('matches domainToUnicode on names that need it and on ones that do not', () => {
    for (const domain of [
      'www.example.com',
      'xn--bcher-kva.example',
      'www.xn--fiqs8s',
      'a.b-c.example.com.',
      '1.2.3.4',
      '0x7f.1',
      'host.0x1f',
      'host.123',
      'WWW.Example.COM',
      'a..b',
      '-a-.example',
      '',
    ]) {
      expect(unicode(domain), domain).toBe(expected(domain));
    }
  });

  it('matches domainToUnicode on any name built from host-name characters', () => {
    const label = fc.stringMatching(/^(?:xn--)?[a-zA-Z0-9-]{0,8}$/);
    const names = fc.array(fc.oneof(label, fc.constantFrom('0x', '0x1f', '12', 'xn--bcher-kva')), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(names, fc.boolean(), (labels, trailingDot) => {
        const domain = labels.join('.') + (trailingDot ? '.' : '');
        expect(unicode(domain)).toBe(expected(domain));
      }),
      { numRuns: 2000 },
    );
  });
});
