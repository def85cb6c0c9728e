// Every independent problem is reported at once; only a programming error throws.
import { describe, expect, it } from 'vitest';
import { checkUploadedCertificate } from '../../src/certs/index.ts';
import { makeKey } from '../helpers/cert-keys.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { codes, NOW } from './helpers/check-certificate.ts';

describe('several problems at once', () => {
  it('reports every independent problem, errors and warnings apart', async () => {
    const material = await makeCertificate({ key: { type: 'rsa', bits: 1024 }, validity: 'expired' });
    const stranger = await makeKey({ type: 'rsa', bits: 2048 }, { name: 'stranger' });
    const result = checkUploadedCertificate({
      certificatePem: material.intermediatePem + material.certificatePem,
      privateKeyPem: stranger,
      domain: 'other.example.org',
      now: NOW(),
    });
    expect(codes(result.errors).sort()).toEqual([
      'certificate-expired',
      'certificate-hostname-mismatch',
      'certificate-weak-key',
      'private-key-mismatch',
    ]);
    expect(codes(result.warnings)).toEqual(['certificate-chain-order']);
    expect(result.ok).toBe(false);
  });

  it('still reports a bad key when the certificate is unusable', () => {
    const result = checkUploadedCertificate({
      certificatePem: 'not pem',
      privateKeyPem: '',
      domain: 'example.com',
      now: NOW(),
    });
    expect(codes(result.errors)).toEqual(['certificate-unparseable', 'private-key-missing']);
    expect(result.info).toBeUndefined();
  });

  it('treats a missing certificate as its own problem', () => {
    const result = checkUploadedCertificate({
      certificatePem: '  ',
      privateKeyPem: 'x',
      domain: 'a.example',
      now: NOW(),
    });
    expect(codes(result.errors)[0]).toBe('certificate-missing');
  });

  it('throws only for a programming error: an invalid clock', () => {
    expect(() =>
      checkUploadedCertificate({
        certificatePem: '',
        privateKeyPem: '',
        domain: 'a',
        now: new Date(Number.NaN),
      }),
    ).toThrow(TypeError);
  });
});
