// RFC 6125 coverage as the checks apply it: SAN DNS names, CN only without them, one-label wildcards.
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asciiDomain, coversDomain, hostnameIssue } from '../../src/certs/hostname.ts';
import { makeCertificate } from '../helpers/certs.ts';

async function certificateFor(sans: string[], cn?: string): Promise<X509Certificate> {
  const spec = cn === undefined ? { sans } : { sans, cn };
  const material = await makeCertificate({ ...spec, issuer: 'self', key: { type: 'ec', curve: 'P-256' } });
  return new X509Certificate(material.certificatePem);
}

describe('wildcards (RFC 6125 §6.4.3)', () => {
  it('*.example.com matches exactly one label', async () => {
    const cert = await certificateFor(['*.example.com']);
    expect(coversDomain(cert, 'www.example.com')).toBe(true);
    expect(coversDomain(cert, 'WWW.Example.COM.')).toBe(true);
    expect(coversDomain(cert, 'example.com')).toBe(false);
    expect(coversDomain(cert, 'a.b.example.com')).toBe(false);
    expect(coversDomain(cert, 'www.example.org')).toBe(false);
  });

  it('partial-label wildcards match nothing', async () => {
    const cert = await certificateFor(['f*.example.com', 'b*z.example.com']);
    expect(coversDomain(cert, 'foo.example.com')).toBe(false);
    expect(coversDomain(cert, 'baz.example.com')).toBe(false);
    expect(coversDomain(cert, 'f*.example.com')).toBe(false);
  });

  it('a wildcard that is not the whole left-most label matches nothing', async () => {
    const cert = await certificateFor(['www.*.example.com']);
    expect(coversDomain(cert, 'www.a.example.com')).toBe(false);
  });

  it('a wildcard directly above a top-level domain matches nothing', async () => {
    const cert = await certificateFor(['*.com']);
    expect(coversDomain(cert, 'example.com')).toBe(false);
  });

  it('a wildcard binding needs the same wildcard in the certificate', async () => {
    const wildcard = await certificateFor(['*.example.com']);
    const exact = await certificateFor(['www.example.com', 'example.com']);
    expect(coversDomain(wildcard, '*.example.com')).toBe(true);
    expect(coversDomain(wildcard, '*.a.example.com')).toBe(false);
    expect(coversDomain(exact, '*.example.com')).toBe(false);
  });
});

describe('subject CN versus subjectAltName', () => {
  it('uses the CN when the certificate has no DNS SAN', async () => {
    const cert = await certificateFor([], 'legacy.example.com');
    expect(coversDomain(cert, 'legacy.example.com')).toBe(true);
    expect(hostnameIssue(cert, 'other.example.com')?.detail).toBe(
      'The certificate does not cover other.example.com; it covers legacy.example.com.',
    );
  });

  it('ignores the CN when DNS SANs exist', async () => {
    const cert = await certificateFor(['www.example.com'], 'example.com');
    expect(coversDomain(cert, 'www.example.com')).toBe(true);
    expect(coversDomain(cert, 'example.com')).toBe(false);
  });

  it('says when a certificate names no host at all', async () => {
    const cert = await certificateFor([]);
    expect(hostnameIssue(cert, 'example.com')?.detail).toContain('it covers no DNS names at all');
  });
});

describe('internationalised domains', () => {
  it('compares in punycode (A-label) form, whichever form the domain comes in', async () => {
    const cert = await certificateFor(['xn--bcher-kva.example.com']);
    expect(asciiDomain('Bücher.Example.com')).toBe('xn--bcher-kva.example.com');
    expect(coversDomain(cert, 'bücher.example.com')).toBe(true);
    expect(coversDomain(cert, 'xn--bcher-kva.example.com')).toBe(true);
    expect(coversDomain(cert, 'buecher.example.com')).toBe(false);
  });

  it('matches a wildcard above an IDN label', async () => {
    const cert = await certificateFor(['*.xn--fiqs8s.example']);
    expect(coversDomain(cert, 'www.中国.example')).toBe(true);
    expect(coversDomain(cert, '中国.example')).toBe(false);
  });

  it('shows both forms in the mismatch detail', async () => {
    const cert = await certificateFor(['www.example.com']);
    expect(hostnameIssue(cert, 'bücher.example.com')?.detail).toBe(
      'The certificate does not cover bücher.example.com (xn--bcher-kva.example.com); it covers www.example.com.',
    );
  });
});

describe('domains that are no host names', () => {
  it('reports them as not covered instead of throwing', async () => {
    const cert = await certificateFor(['www.example.com']);
    for (const domain of ['', ' ', 'exa mple.com', 'a\u0000b.example.com', `${'a'.repeat(300)}.com`]) {
      expect(coversDomain(cert, domain), JSON.stringify(domain)).toBe(false);
      expect(hostnameIssue(cert, domain)?.detail).toContain('not a valid host name');
    }
  });
});
