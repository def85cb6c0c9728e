// Hostile chains must cost about what a normal upload costs (src/certs/limits.ts). Measured as CPU time
// against a normal chain checked in the same process, and as a count of signature checks: never a
// wall-clock limit, which a busy machine would break.
import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkUploadedCertificate } from '../../src/certs/index.ts';
import { MAX_SIGNATURE_CHECKS } from '../../src/certs/limits.ts';
import type { CertCheckResult } from '../../src/certs/types.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { hostileChainPem } from '../helpers/hostile-chain.ts';

const now = new Date();

function check(certificatePem: string, privateKeyPem: string): CertCheckResult {
  return checkUploadedCertificate({ certificatePem, privateKeyPem, domain: 'example.com', now });
}

/** Median CPU microseconds of `runs` calls (median: one GC pause must not decide the outcome). */
function cpuMicros(runs: number, work: () => unknown): number {
  const samples = Array.from({ length: runs }, () => {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    return used.user + used.system;
  });
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

afterEach(() => vi.restoreAllMocks());

describe('cost of hostile chains', () => {
  it('refuses RSA keys with a huge public exponent before checking any signature', async () => {
    const normal = await makeCertificate({ sans: ['example.com'] });
    expect(check(normal.chainPem, normal.privateKeyPem).ok).toBe(true);
    const hostile = hostileChainPem({ count: 10 });
    const verify = vi.spyOn(X509Certificate.prototype, 'verify');
    const result = check(hostile, normal.privateKeyPem);
    expect(result.errors.map((e) => e.code)).toContain('certificate-weak-key');
    expect(result.errors.find((e) => e.code === 'certificate-weak-key')?.detail).toMatch(
      /exponent of 30\d\d bits/,
    );
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();

    const normalCost = cpuMicros(7, () => check(normal.chainPem, normal.privateKeyPem));
    const hostileCost = cpuMicros(7, () => check(hostile, normal.privateKeyPem));
    // Before the bound, the hostile chain cost some 600 ms against about 1 ms for the normal one.
    expect(hostileCost).toBeLessThan(Math.max(normalCost, 1_000) * 10);
  });

  it('caps signature checks when many certificates share one name', async () => {
    // 32-bit exponents pass the key rule; all ten name each other as issuer: 90 candidate pairs.
    const crowded = hostileChainPem({ count: 10, modulusBits: 4096, exponentBits: 32 });
    const verify = vi.spyOn(X509Certificate.prototype, 'verify');
    const result = check(crowded, '');
    expect(result.errors.map((e) => e.code)).toContain('certificate-chain-broken');
    expect(result.errors[0]?.detail).toMatch(/signature checks/);
    // The self-signed probe of the explanation may add one more.
    expect(verify.mock.calls.length).toBeLessThanOrEqual(MAX_SIGNATURE_CHECKS + 1);
  });

  it('still orders a normal chain sent backwards', async () => {
    const normal = await makeCertificate({ sans: ['example.com'] });
    const backwards = `${normal.intermediatePem}${normal.certificatePem}`;
    const verify = vi.spyOn(X509Certificate.prototype, 'verify');
    const result = check(backwards, normal.privateKeyPem);
    expect(result.ok).toBe(true);
    expect(verify.mock.calls.length).toBeLessThanOrEqual(3);
  });
});
