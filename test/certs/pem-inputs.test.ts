// What people paste into the two PEM fields, and what each check makes of it.
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkUploadedCertificate } from '../../src/certs/index.ts';
import { parseCertificates } from '../../src/certs/parse-certificates.ts';
import { parsePrivateKey } from '../../src/certs/parse-private-key.ts';
import { encryptKey, makeKey } from '../helpers/cert-keys.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { fixture } from '../helpers/fixtures.ts';

interface SdkSample {
  request_serialization: {
    input?: { CertificateConfiguration?: { Certificate?: string; PrivateKey?: string } };
  }[];
}

const rsa = { type: 'rsa', bits: 2048 } as const;
const ec = { type: 'ec', curve: 'P-256' } as const;

function keyIssue(pem: string) {
  const parsed = parsePrivateKey(pem);
  return parsed.ok ? undefined : parsed.issue;
}

function certificateIssue(pem: string) {
  const parsed = parseCertificates(pem);
  return parsed.ok ? undefined : parsed.issue;
}

describe('encrypted private keys are refused with the decrypt command', () => {
  it.each([
    ['PKCS#8 (ENCRYPTED PRIVATE KEY)', rsa, 'pkcs8', 'ENCRYPTED PRIVATE KEY'],
    ['PKCS#1 with Proc-Type: 4,ENCRYPTED', rsa, 'pkcs1', 'RSA PRIVATE KEY'],
    ['SEC1 with Proc-Type: 4,ENCRYPTED', ec, 'sec1', 'EC PRIVATE KEY'],
  ] as const)('%s', async (_name, spec, format, label) => {
    const encrypted = await encryptKey(await makeKey(spec), format);
    expect(encrypted).toContain(`-----BEGIN ${label}-----`);
    const issue = keyIssue(encrypted);
    expect(issue?.code).toBe('private-key-encrypted');
    expect(issue?.detail).toBe(`The ${label} block is protected by a passphrase.`);
    expect(issue?.fix).toContain('openssl pkey -in key.pem -out key-decrypted.pem');
  });

  it('still spots a PKCS#1 encryption header when the PEM was flattened to one line', async () => {
    const encrypted = await encryptKey(await makeKey(rsa), 'pkcs1');
    expect(keyIssue(encrypted.replaceAll('\n', ' '))?.code).toBe('private-key-encrypted');
  });
});

describe('fields swapped or filled with the wrong thing', () => {
  it('answers the official SDK sample (a masked certificate in both fields) with one issue per field', () => {
    const samples = fixture<SdkSample>('vectors/cname_xml_samples.json').request_serialization;
    const config = samples.find((sample) => sample.input?.CertificateConfiguration?.PrivateKey)?.input
      ?.CertificateConfiguration;
    const result = checkUploadedCertificate({
      certificatePem: config?.Certificate ?? '',
      privateKeyPem: config?.PrivateKey ?? '',
      domain: 'example.com',
      now: new Date(),
    });
    expect(result.errors.map((issue) => [issue.code, issue.detail])).toEqual([
      ['certificate-unparseable', 'Certificate #1: the CERTIFICATE block is not valid base64.'],
      [
        'private-key-not-a-key',
        'The private key field holds a "CERTIFICATE" PEM block, which is not a private key.',
      ],
    ]);
  });

  it('refuses a private key pasted into the certificate field', async () => {
    const key = await makeKey(rsa, { format: 'pkcs1' });
    const issue = certificateIssue(key);
    expect(issue?.code).toBe('certificate-not-a-certificate');
    expect(issue?.detail).toBe(
      'The certificate field holds a "RSA PRIVATE KEY" PEM block, which is a key, not a certificate.',
    );
  });

  it('refuses a certificate followed by its key in the certificate field', async () => {
    const material = await makeCertificate({});
    expect(certificateIssue(material.certificatePem + material.privateKeyPem)?.code).toBe(
      'certificate-not-a-certificate',
    );
  });

  it('refuses a certificate signing request and a TRUSTED CERTIFICATE block', () => {
    const csr = '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n';
    expect(certificateIssue(csr)?.detail).toContain('which is a key, not a certificate');
    const trusted = '-----BEGIN TRUSTED CERTIFICATE-----\nAAAA\n-----END TRUSTED CERTIFICATE-----\n';
    expect(certificateIssue(trusted)?.detail).toContain('not a plain X.509 certificate');
  });

  it('refuses a certificate or a public key in the private key field', async () => {
    const material = await makeCertificate({});
    expect(keyIssue(material.certificatePem)?.code).toBe('private-key-not-a-key');
    const publicPem = createPublicKey(material.privateKeyPem)
      .export({ type: 'spki', format: 'pem' })
      .toString();
    expect(keyIssue(publicPem)?.detail).toBe(
      'The private key field holds a "PUBLIC KEY" PEM block, which is not a private key.',
    );
  });

  it('refuses two private keys', async () => {
    const one = await makeKey(ec);
    const two = await makeKey(ec, { name: 'second' });
    expect(keyIssue(one + two)?.detail).toBe('The private key field holds more than one private key.');
  });

  it('refuses bytes that are no key under a key label', () => {
    const issue = keyIssue('-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n');
    expect(issue?.code).toBe('private-key-unparseable');
    expect(issue?.detail).toMatch(/^The RSA PRIVATE KEY block is not a valid pkcs1 key \(.+\)\.$/);
  });
});

describe('accepted key forms', () => {
  it('re-encodes a PKCS#8 body found under a PKCS#1 label as real PKCS#1', async () => {
    const relabelled = (await makeKey(rsa)).replaceAll('PRIVATE KEY', 'RSA PRIVATE KEY');
    const parsed = parsePrivateKey(relabelled);
    expect(parsed.ok && parsed.pem).toBe(await makeKey(rsa, { format: 'pkcs1' }));
  });

  it('accepts an EC key preceded by its EC PARAMETERS block and drops the parameters', async () => {
    const sec1 = await makeKey(ec, { format: 'sec1' });
    const params = '-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n';
    const parsed = parsePrivateKey(params + sec1);
    expect(parsed.ok && parsed.pem).toBe(sec1);
  });
});

describe('damaged PEM', () => {
  it('names the damage', async () => {
    const material = await makeCertificate({});
    const cut = material.certificatePem.slice(0, 200);
    expect(certificateIssue(cut)?.detail).toBe(
      'Damaged PEM: the CERTIFICATE block has no -----END CERTIFICATE----- line.',
    );
    const badBase64 = material.certificatePem.replace(/^M/m, '!');
    expect(certificateIssue(badBase64)?.detail).toBe(
      'Certificate #1: the CERTIFICATE block is not valid base64.',
    );
    const wrongBytes = material.certificatePem.replace(
      /\n[A-Za-z0-9+/]{64}\n/,
      '\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n',
    );
    expect(certificateIssue(wrongBytes)?.detail).toMatch(
      /^Certificate #1 is not a valid X\.509 certificate \(.+\)\.$/,
    );
    expect(certificateIssue('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----')?.detail).toBe(
      'Certificate #1: the CERTIFICATE block is empty.',
    );
    expect(certificateIssue('MIIB plain base64 without armour')?.detail).toBe(
      'No -----BEGIN CERTIFICATE----- block was found.',
    );
  });
});

describe('whitespace noise is undone before checking', () => {
  it('accepts PEM flattened to one line, double-escaped JSON, CRLF and indentation', async () => {
    const material = await makeCertificate({});
    const variants = [
      material.chainPem.replaceAll('\n', ' '),
      material.chainPem.replaceAll('\n', '\\n'),
      material.chainPem.replaceAll('\n', '\r\n'),
      material.chainPem.replaceAll('\n', '\n\t  '),
    ];
    for (const certificatePem of variants) {
      const result = checkUploadedCertificate({
        certificatePem,
        privateKeyPem: material.privateKeyPem.replaceAll('\n', '\r\n'),
        domain: 'example.com',
        now: new Date(),
      });
      expect(result.errors).toEqual([]);
      expect(result.normalized).toEqual({
        certificatePem: material.chainPem,
        privateKeyPem: material.privateKeyPem,
      });
    }
  });
});
