// What checkUploadedCertificate reports about a certificate it accepts, and the PEM it normalises to.
import { describe, expect, it } from 'vitest';
import { checkUploadedCertificate } from '../../src/certs/index.ts';
import { opensslSha1Fingerprint } from '../helpers/cert-inspect.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { check, NOW } from './helpers/check-certificate.ts';

describe('a good certificate', () => {
  it('passes with a leaf-first chain and reports what OSS will list', async () => {
    const material = await makeCertificate({ sans: ['www.example.com', 'example.com'] });
    const result = checkUploadedCertificate({
      certificatePem: material.chainPem,
      privateKeyPem: material.privateKeyPem,
      domain: 'www.example.com',
      now: NOW(),
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.info).toMatchObject({
      subject: 'CN=www.example.com',
      issuer: 'O=OSS CNAME Tests, CN=main Test Intermediate CA',
      sans: ['www.example.com', 'example.com'],
      keyType: 'rsa',
      keyBits: 2048,
      chainLength: 2,
      validFrom: material.notBefore.toISOString().replace(/\.\d{3}Z$/, '.000Z'),
    });
    expect(result.info?.daysLeft).toBe(364);
    expect(result.info?.curve).toBeUndefined();
  });

  it('gives the SHA-1 fingerprint exactly as `openssl x509 -fingerprint -sha1` prints it', async () => {
    const material = await makeCertificate({ sans: ['www.example.com', 'example.com'] });
    const result = await check({ sans: ['www.example.com', 'example.com'] });
    const expected = await opensslSha1Fingerprint(material.certificatePem);
    expect(result.info?.fingerprintSha1).toBe(expected);
    expect(result.info?.fingerprintSha1).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
  });

  it('describes an EC P-256 leaf by its curve', async () => {
    const result = await check({ key: { type: 'ec', curve: 'P-256' } });
    expect(result.ok).toBe(true);
    expect(result.info).toMatchObject({ keyType: 'ec', curve: 'P-256' });
    expect(result.info?.keyBits).toBeUndefined();
  });

  it('normalises to canonical PEM: leaf first, LF, 64 columns, nothing between blocks', async () => {
    const material = await makeCertificate({});
    const messy = `Bag Attributes\r\n  friendlyName: leaf\r\n${material.certificatePem.replaceAll('\n', '\r\n    ')}\r\n\r\nsubject=whatever\r\n${material.intermediatePem}`;
    const result = checkUploadedCertificate({
      certificatePem: messy,
      privateKeyPem: `\n\n  ${material.privateKeyPem}  \n`,
      domain: 'example.com',
      now: NOW(),
    });
    expect(result.ok).toBe(true);
    expect(result.normalized).toEqual({
      certificatePem: material.certificatePem + material.intermediatePem,
      privateKeyPem: material.privateKeyPem,
    });
  });
});
