// Hostile or broken input must end as a clean issue: never a throw, never a hang (sizes are bounded).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUploadedCertificate, normalizeCertId } from '../../src/certs/index.ts';
import { MAX_CERTIFICATE_PEM_BYTES, MAX_CHAIN_LENGTH } from '../../src/certs/limits.ts';
import { parseSubjectAltName } from '../../src/certs/subject-alt-names.ts';
import type { CertCheckResult } from '../../src/certs/types.ts';
import { makeCertificate } from '../helpers/certs.ts';

const now = new Date();

function expectWellFormed(result: CertCheckResult): void {
  expect(result.ok).toBe(result.errors.length === 0);
  for (const issue of [...result.errors, ...result.warnings]) {
    expect(issue.code).toMatch(/^[a-z-]+$/);
    expect(issue.detail.length).toBeGreaterThan(0);
    expect(issue.fix.length).toBeGreaterThan(0);
  }
  if (result.ok) expect(result.normalized).toBeDefined();
}

describe('random input', () => {
  it('random text in every field yields issues, not exceptions', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 2000 }),
        fc.string({ maxLength: 500 }),
        fc.string(),
        (cert, key, domain) => {
          const result = checkUploadedCertificate({ certificatePem: cert, privateKeyPem: key, domain, now });
          expectWellFormed(result);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random bytes wrapped in PEM armour yield issues, not exceptions', () => {
    const armoured = (label: string) =>
      fc.uint8Array({ maxLength: 3000 }).map((bytes) => {
        const body = Buffer.from(bytes).toString('base64');
        return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
      });
    fc.assert(
      fc.property(armoured('CERTIFICATE'), armoured('PRIVATE KEY'), (cert, key) => {
        const result = checkUploadedCertificate({
          certificatePem: cert,
          privateKeyPem: key,
          domain: 'example.com',
          now,
        });
        expectWellFormed(result);
        expect(result.errors.map((e) => e.code)).toContain('certificate-unparseable');
      }),
      { numRuns: 200 },
    );
  });

  it('a real chain with one character changed anywhere never throws', async () => {
    const material = await makeCertificate({});
    fc.assert(
      fc.property(
        fc.nat({ max: material.chainPem.length - 1 }),
        fc.constantFrom('A', '/', '-', '\n', ' ', '=', '\u0000', 'é'),
        (at, char) => {
          const certificatePem = material.chainPem.slice(0, at) + char + material.chainPem.slice(at + 1);
          expectWellFormed(
            checkUploadedCertificate({
              certificatePem,
              privateKeyPem: material.privateKeyPem,
              domain: 'example.com',
              now,
            }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('normalizeCertId never throws and only accepts <digits>-<region> under 64 bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{1,22}(-[a-zA-Z0-9. -]{0,30})?$/)),
        (input) => {
          const result = normalizeCertId(input, { bucketRegion: 'cn-beijing' });
          if (result.ok) {
            expect(result.certId).toMatch(/^[1-9][0-9]*-[a-z]{2,}(-[a-z0-9]+)+$/);
            expect(Buffer.byteLength(result.certId)).toBeLessThanOrEqual(63);
          } else {
            expect(result.fix).toContain('-');
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('the subjectAltName parser terminates on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        for (const name of parseSubjectAltName(text)) expect(typeof name.value).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});

describe('truncated PEM', () => {
  it('every truncation point gives a clean result', async () => {
    const material = await makeCertificate({});
    for (let cut = 0; cut < material.chainPem.length; cut += 37) {
      const result = checkUploadedCertificate({
        certificatePem: material.chainPem.slice(0, cut),
        privateKeyPem: material.privateKeyPem.slice(0, cut),
        domain: 'example.com',
        now,
      });
      expectWellFormed(result);
      expect(result.ok).toBe(false);
    }
  });
});

describe('absurd sizes', () => {
  it('refuses a 10 MB certificate and key by size before parsing', () => {
    const huge = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(10 * 1024 * 1024)}\n-----END CERTIFICATE-----\n`;
    const result = checkUploadedCertificate({
      certificatePem: huge,
      privateKeyPem: huge,
      domain: 'example.com',
      now,
    });
    expect(result.errors.map((e) => e.code)).toEqual(['certificate-too-large', 'private-key-too-large']);
    expect(result.errors[0]?.detail).toContain(`at most ${MAX_CERTIFICATE_PEM_BYTES}`);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const wide = 'é'.repeat(40_000);
    const result = checkUploadedCertificate({
      certificatePem: wide,
      privateKeyPem: wide,
      domain: 'example.com',
      now,
    });
    expect(result.errors.map((e) => e.code)).toEqual(['certificate-too-large', 'private-key-too-large']);
    expect(result.errors[0]?.detail).toBe(
      'The certificate field has at least 80000 bytes; at most 65536 are accepted.',
    );
  });

  it('refuses more certificates than a chain can sensibly hold', async () => {
    const material = await makeCertificate({});
    const result = checkUploadedCertificate({
      certificatePem: material.intermediatePem.repeat(MAX_CHAIN_LENGTH + 1),
      privateKeyPem: material.privateKeyPem,
      domain: 'example.com',
      now,
    });
    expect(result.errors.map((e) => e.code)).toEqual(['certificate-chain-too-long']);
  });

  it('copes with thousands of BEGIN markers without END markers', () => {
    const text = '-----BEGIN CERTIFICATE-----'.repeat(1000);
    const result = checkUploadedCertificate({
      certificatePem: text,
      privateKeyPem: text,
      domain: 'example.com',
      now,
    });
    expect(result.errors.map((e) => e.code)).toEqual(['certificate-unparseable', 'private-key-unparseable']);
  });

  it('copes with the largest accepted field made of BEGIN fragments', () => {
    const text = '-----BEGIN '.repeat(Math.floor(MAX_CERTIFICATE_PEM_BYTES / 11));
    const result = checkUploadedCertificate({
      certificatePem: text,
      privateKeyPem: '',
      domain: 'example.com',
      now,
    });
    expect(result.errors[0]?.code).toBe('certificate-unparseable');
  });

  it('treats non-string fields as empty', () => {
    const result = checkUploadedCertificate({
      certificatePem: 42 as unknown as string,
      privateKeyPem: null as unknown as string,
      domain: undefined as unknown as string,
      now,
    });
    expect(result.errors.map((e) => e.code)).toEqual(['certificate-missing', 'private-key-missing']);
  });
});
