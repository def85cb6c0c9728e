// Whether the uploaded private key matches the certificate, in each PEM form it may come in.
import { describe, expect, it } from 'vitest';
import { checkUploadedCertificate } from '../../src/certs/index.ts';
import { makeKey } from '../helpers/cert-keys.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { check, codes, NOW } from './helpers/check-certificate.ts';

describe('private key against the certificate', () => {
  it('refuses a key that belongs to no certificate of the chain', async () => {
    const material = await makeCertificate({});
    const stranger = await makeKey({ type: 'rsa', bits: 2048 }, { name: 'stranger' });
    const result = checkUploadedCertificate({
      certificatePem: material.chainPem,
      privateKeyPem: stranger,
      domain: 'example.com',
      now: NOW(),
    });
    expect(codes(result.errors)).toEqual(['private-key-mismatch']);
    expect(result.errors[0]?.detail).not.toContain('belongs to');
  });

  it('names the certificate the key does belong to', async () => {
    const material = await makeCertificate({});
    const intermediateKey = await makeKey({ type: 'ec', curve: 'P-256' }, { name: 'ca:main:intermediate' });
    const result = checkUploadedCertificate({
      certificatePem: material.chainPem,
      privateKeyPem: intermediateKey,
      domain: 'example.com',
      now: NOW(),
    });
    expect(codes(result.errors)).toEqual(['private-key-mismatch']);
    expect(result.errors[0]?.detail).toContain(
      'belongs to certificate #2 (O=OSS CNAME Tests, CN=main Test Intermediate CA)',
    );
  });

  it('accepts PKCS#1, PKCS#8 and SEC1 keys and keeps their form', async () => {
    for (const [spec, label] of [
      [{ keyFormat: 'pkcs1' }, 'RSA PRIVATE KEY'],
      [{ keyFormat: 'pkcs8' }, 'PRIVATE KEY'],
      [{ key: { type: 'ec', curve: 'P-256' }, keyFormat: 'sec1' }, 'EC PRIVATE KEY'],
      [{ key: { type: 'ec', curve: 'P-256' }, keyFormat: 'pkcs8' }, 'PRIVATE KEY'],
    ] as const) {
      const result = await check(spec);
      expect(result.errors, label).toEqual([]);
      expect(result.normalized?.privateKeyPem.startsWith(`-----BEGIN ${label}-----\n`), label).toBe(true);
    }
  });
});
