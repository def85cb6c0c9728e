import { describe, expect, it } from 'vitest';
import { checkUploadedCertificate } from '../../src/certs/index.ts';
import type { CertCheckInput, CertCheckResult } from '../../src/certs/types.ts';
import { opensslSha1Fingerprint } from '../helpers/cert-inspect.ts';
import { makeKey } from '../helpers/cert-keys.ts';
import { type CertSpec, makeCertificate } from '../helpers/certs.ts';

const NOW = () => new Date();

async function check(spec: CertSpec, overrides: Partial<CertCheckInput> = {}): Promise<CertCheckResult> {
  const material = await makeCertificate(spec);
  return checkUploadedCertificate({
    certificatePem: material.chainPem,
    privateKeyPem: material.privateKeyPem,
    domain: spec.sans?.[0] ?? 'example.com',
    now: NOW(),
    ...overrides,
  });
}

const codes = (issues: { code: string }[]) => issues.map((issue) => issue.code);

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

describe('validity, judged by the injected clock', () => {
  const notBefore = new Date('2030-01-01T00:00:00Z');
  const notAfter = new Date('2030-04-01T00:00:00Z');
  const spec: CertSpec = { notBefore, notAfter };

  it('refuses an expired certificate', async () => {
    const result = await check(spec, { now: new Date('2030-04-01T00:00:01Z') });
    expect(codes(result.errors)).toEqual(['certificate-expired']);
    expect(result.errors[0]?.detail).toContain('2030-04-01T00:00:00.000Z');
    expect(result.info?.daysLeft).toBe(-1);
  });

  it('refuses a certificate that is not valid yet', async () => {
    const result = await check(spec, { now: new Date('2029-12-31T23:59:59Z') });
    expect(codes(result.errors)).toEqual(['certificate-not-yet-valid']);
  });

  it('warns under 30 days left, and not at exactly 30', async () => {
    const tenDays = await check(spec, { now: new Date('2030-03-22T00:00:00Z') });
    expect(tenDays.ok).toBe(true);
    expect(codes(tenDays.warnings)).toEqual(['certificate-expiring-soon']);
    expect(tenDays.warnings[0]?.detail).toContain('in 10 days');
    expect(tenDays.info?.daysLeft).toBe(10);
    const thirty = await check(spec, { now: new Date('2030-03-02T00:00:00Z') });
    expect(thirty.warnings).toEqual([]);
  });

  it('uses the relative presets of the helper against the real clock', async () => {
    expect(codes((await check({ validity: 'expired' })).errors)).toEqual(['certificate-expired']);
    expect(codes((await check({ validity: 'not-yet-valid' })).errors)).toEqual(['certificate-not-yet-valid']);
    const soon = await check({ validity: 'expiring-soon' });
    expect(codes(soon.warnings)).toEqual(['certificate-expiring-soon']);
    expect(soon.info?.daysLeft).toBe(9);
  });
});

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
