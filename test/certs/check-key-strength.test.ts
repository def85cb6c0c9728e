// Key types, sizes, curves and signature digests an uploaded certificate may use.
import { describe, expect, it } from 'vitest';
import { check, codes } from './helpers/check-certificate.ts';

describe('key and signature strength', () => {
  it('refuses an RSA-1024 certificate', async () => {
    const result = await check({ key: { type: 'rsa', bits: 1024 } });
    expect(codes(result.errors)).toEqual(['certificate-weak-key']);
    expect(result.errors[0]?.detail).toContain('1024-bit RSA');
    expect(result.info).toMatchObject({ keyType: 'rsa', keyBits: 1024 });
  });

  it('refuses an EC key on a curve other than P-256/P-384/P-521', async () => {
    const result = await check({ key: { type: 'ec', curve: 'secp256k1' } });
    expect(codes(result.errors)).toEqual(['certificate-weak-key']);
    expect(result.info?.curve).toBe('secp256k1');
  });

  it('accepts P-384 and RSA-3072', async () => {
    expect((await check({ key: { type: 'ec', curve: 'P-384' } })).info?.curve).toBe('P-384');
    expect((await check({ key: { type: 'ec', curve: 'P-384' } })).ok).toBe(true);
    expect((await check({ key: { type: 'rsa', bits: 3072 } })).ok).toBe(true);
  });

  it('refuses an Ed25519 certificate as unsupported by browsers', async () => {
    const result = await check({ key: { type: 'ed25519' } });
    expect(codes(result.errors)).toEqual(['certificate-key-type-unsupported']);
    expect(result.info?.keyType).toBe('ed25519');
  });

  it('refuses a SHA-1 signed certificate', async () => {
    const result = await check({ digest: 'sha1' });
    expect(codes(result.errors)).toEqual(['certificate-weak-signature']);
    expect(result.errors[0]?.detail).toMatch(/SHA1/i);
  });
});
