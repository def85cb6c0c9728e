// The ACS3 Authorization header as the emulator reads it: the three fields, in any order, past stray parts.
import { describe, expect, it } from 'vitest';
import { authorizationHeader, parseAuthorization } from '../../src/alidns/signer.ts';

describe('parseAuthorization', () => {
  it('reads back what authorizationHeader writes', () => {
    const header = authorizationHeader('ak', ['host', 'x-acs-action'], 'ff');
    expect(parseAuthorization(header)).toEqual({
      accessKeyId: 'ak',
      signedHeaders: ['host', 'x-acs-action'],
      signature: 'ff',
    });
  });

  it('reads past a part without a value, and lower-cases the signed headers', () => {
    expect(
      parseAuthorization('ACS3-HMAC-SHA256 Signature=ff, junk, SignedHeaders=Host;X-Acs-Date, Credential=ak'),
    ).toEqual({ accessKeyId: 'ak', signedHeaders: ['host', 'x-acs-date'], signature: 'ff' });
  });

  it.each([
    'OSS4-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature=ff',
    'ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host',
    'ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=ff',
  ])('rejects %s', (value) => {
    expect(parseAuthorization(value)).toBeUndefined();
  });
});
