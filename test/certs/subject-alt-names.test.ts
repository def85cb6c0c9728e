import { describe, expect, it } from 'vitest';
import { dnsNames, parseSubjectAltName } from '../../src/certs/subject-alt-names.ts';

describe("parsing node's subjectAltName text", () => {
  it('splits plain entries of every type', () => {
    expect(
      parseSubjectAltName('DNS:a.example, IP Address:192.0.2.1, DNS:*.b.example, email:x@y.example'),
    ).toEqual([
      { type: 'DNS', value: 'a.example' },
      { type: 'IP Address', value: '192.0.2.1' },
      { type: 'DNS', value: '*.b.example' },
      { type: 'email', value: 'x@y.example' },
    ]);
    expect(dnsNames('DNS:a.example, IP Address:192.0.2.1, DNS:*.b.example')).toEqual([
      'a.example',
      '*.b.example',
    ]);
  });

  it('keeps a JSON-quoted value whole, so a hostile name cannot smuggle in a second entry', () => {
    expect(dnsNames('DNS:"evil.example, DNS:victim.example", DNS:ok.example')).toEqual([
      'evil.example, DNS:victim.example',
      'ok.example',
    ]);
    expect(dnsNames('DNS:"quote\\"inside"')).toEqual(['quote"inside']);
  });

  it('returns nothing for an absent extension and stops at garbage', () => {
    expect(parseSubjectAltName(undefined)).toEqual([]);
    expect(parseSubjectAltName('no colon here')).toEqual([]);
    expect(dnsNames('DNS:"unterminated')).toEqual([]);
  });
});
