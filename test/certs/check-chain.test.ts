// Chain order, completeness and continuity of an uploaded certificate.
import { describe, expect, it } from 'vitest';
import { checkUploadedCertificate } from '../../src/certs/index.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { check, codes, NOW } from './helpers/check-certificate.ts';

describe('chain problems', () => {
  it('reorders an intermediate-first chain and says so (warning, not error)', async () => {
    const material = await makeCertificate({});
    const result = checkUploadedCertificate({
      certificatePem: material.intermediatePem + material.certificatePem,
      privateKeyPem: material.privateKeyPem,
      domain: 'example.com',
      now: NOW(),
    });
    expect(result.ok).toBe(true);
    expect(codes(result.warnings)).toEqual(['certificate-chain-order']);
    expect(result.warnings[0]?.detail).toContain('#2, #1');
    expect(result.normalized?.certificatePem).toBe(material.certificatePem + material.intermediatePem);
    expect(result.info?.subject).toBe('CN=example.com');
  });

  it('reorders a root-first three-certificate chain', async () => {
    const material = await makeCertificate({});
    const result = checkUploadedCertificate({
      certificatePem: material.rootPem + material.certificatePem + material.intermediatePem,
      privateKeyPem: material.privateKeyPem,
      domain: 'example.com',
      now: NOW(),
    });
    expect(codes(result.warnings)).toEqual(['certificate-chain-order']);
    expect(result.info?.chainLength).toBe(3);
    expect(result.normalized?.certificatePem).toBe(
      material.certificatePem + material.intermediatePem + material.rootPem,
    );
  });

  it('refuses an intermediate from another CA', async () => {
    const leaf = await makeCertificate({});
    const foreign = await makeCertificate({ ca: 'other' });
    const result = checkUploadedCertificate({
      certificatePem: leaf.certificatePem + foreign.intermediatePem,
      privateKeyPem: leaf.privateKeyPem,
      domain: 'example.com',
      now: NOW(),
    });
    expect(codes(result.errors)).toEqual(['certificate-chain-broken']);
    expect(result.errors[0]?.detail).toContain('other Test Intermediate CA');
    expect(result.normalized).toBeUndefined();
  });

  it('refuses a chain that skips the intermediate (leaf + root)', async () => {
    const material = await makeCertificate({});
    const result = checkUploadedCertificate({
      certificatePem: material.certificatePem + material.rootPem,
      privateKeyPem: material.privateKeyPem,
      domain: 'example.com',
      now: NOW(),
    });
    expect(codes(result.errors)).toEqual(['certificate-chain-broken']);
    expect(result.errors[0]?.detail).toContain('main Test Intermediate CA');
  });

  it('refuses a certificate sent twice', async () => {
    const material = await makeCertificate({});
    const result = checkUploadedCertificate({
      certificatePem: material.chainPem + material.intermediatePem,
      privateKeyPem: material.privateKeyPem,
      domain: 'example.com',
      now: NOW(),
    });
    expect(codes(result.errors)).toEqual(['certificate-chain-broken']);
    expect(result.errors[0]?.detail).toBe('Certificate #3 repeats certificate #2.');
  });

  it('warns when only a CA-issued leaf is sent', async () => {
    const material = await makeCertificate({});
    const result = checkUploadedCertificate({
      certificatePem: material.certificatePem,
      privateKeyPem: material.privateKeyPem,
      domain: 'example.com',
      now: NOW(),
    });
    expect(result.ok).toBe(true);
    expect(codes(result.warnings)).toEqual(['certificate-chain-incomplete']);
    expect(result.warnings[0]?.detail).toContain('main Test Intermediate CA');
  });

  it('warns about a self-signed certificate', async () => {
    const result = await check({ issuer: 'self' });
    expect(result.ok).toBe(true);
    expect(codes(result.warnings)).toEqual(['certificate-self-signed']);
  });
});
