// Validity dates of an uploaded certificate, against an injected clock and the real one.
import { describe, expect, it } from 'vitest';
import type { CertSpec } from '../helpers/certs.ts';
import { check, codes } from './helpers/check-certificate.ts';

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
