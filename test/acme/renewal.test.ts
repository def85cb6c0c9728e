import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ariCertId,
  createPrivateKey,
  fetchRenewalInfo,
  type IssuedCertificate,
  isRenewalDue,
  type OrderContext,
  renewalTime,
  runOrder,
  startOrder,
} from '../../src/acme/index.ts';
import { type AcmeFixture, startAcmeFixture } from './fixture.ts';

const VALIDITY_SECONDS = 10;
const domain = 'renew.example.com';
let fx: AcmeFixture;
let ctx: OrderContext;
let first: IssuedCertificate;

async function issue(replaces?: string): Promise<IssuedCertificate> {
  const record = await startOrder(ctx, [domain], { replaces });
  return (await runOrder(ctx, record, await createPrivateKey(), { timeoutMs: 15_000 })).certificate;
}

beforeAll(async () => {
  fx = await startAcmeFixture({ certificateValidityPeriod: VALIDITY_SECONDS });
  ctx = await fx.context();
  fx.delegate(domain);
  first = await issue();
});
afterAll(() => fx?.close());

describe('renewal with short-lived Pebble certificates', () => {
  it('is due once a third of the lifetime remains, a little earlier at random', () => {
    const lifetime = Date.parse(first.notAfter) - Date.parse(first.notBefore);
    expect(lifetime).toBeGreaterThan((VALIDITY_SECONDS - 2) * 1000);
    expect(lifetime).toBeLessThanOrEqual((VALIDITY_SECONDS + 1) * 1000);
    const latest = renewalTime(first, { random: () => 0 }).getTime();
    const earliest = renewalTime(first, { random: () => 0.999_999 }).getTime();
    expect(latest).toBeCloseTo(Date.parse(first.notAfter) - lifetime / 3, -1);
    expect(earliest).toBeLessThan(latest);
    expect(latest - earliest).toBeLessThanOrEqual(lifetime / 30 + 1);
    expect(isRenewalDue(first, Date.parse(first.notBefore), { random: () => 0.5 })).toBe(false);
    expect(isRenewalDue(first, latest, { random: () => 0 })).toBe(true);
  });

  it('renews when due: a new certificate for the same name that lasts longer', async () => {
    // The lifecycle draws the renewal time once and stores it; polling compares against that.
    const renewAt = renewalTime(first).getTime();
    const deadline = Date.now() + 15_000;
    while (Date.now() < renewAt && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(Date.now()).toBeGreaterThanOrEqual(renewAt);
    expect(Date.now()).toBeLessThan(Date.parse(first.notAfter));
    const renewed = await issue(first.ariCertId);
    const [oldLeaf, newLeaf] = [first, renewed].map((c) => new X509Certificate(c.certificatePem));
    expect(newLeaf?.serialNumber).not.toBe(oldLeaf?.serialNumber);
    expect(newLeaf?.checkHost(domain)).toBe(domain);
    expect(Date.parse(renewed.notAfter)).toBeGreaterThan(Date.parse(first.notAfter));
    expect(isRenewalDue(renewed, Date.now(), { random: () => 0 })).toBe(false);
  });

  it('uses ARI when the directory offers renewalInfo, and the lifetime rule when not', async () => {
    const info = await fetchRenewalInfo(ctx.account, first.ariCertId);
    if (ctx.account.renewalInfoUrl === undefined) {
      // Debian's Pebble 2.4 has no renewalInfo.
      expect(info).toBeUndefined();
    } else {
      expect(info).toBeDefined();
      expect(Date.parse(info?.window.end ?? '')).toBeLessThanOrEqual(Date.parse(first.notAfter));
    }
  });

  it('inside an ARI window, renews at a random point of it', () => {
    const window = { start: '2030-01-01T00:00:00Z', end: '2030-01-02T00:00:00Z' };
    expect(renewalTime(first, { window, random: () => 0 }).toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(renewalTime(first, { window, random: () => 0.5 }).toISOString()).toBe('2030-01-01T12:00:00.000Z');
  });

  it("computes the ARI certificate id from the leaf's authority key id and serial", () => {
    const leafPem = first.certificatePem.split(/(?<=-----END CERTIFICATE-----)/)[0] as string;
    const text = execFileSync('openssl', ['x509', '-noout', '-serial', '-ext', 'authorityKeyIdentifier'], {
      input: leafPem,
    }).toString();
    const serialHex = /serial=([0-9A-F]+)/i.exec(text)?.[1] as string;
    const akiHex = (/Authority Key Identifier:\s*(?:keyid:)?([0-9A-F:]+)/i.exec(text)?.[1] ?? '').replaceAll(
      ':',
      '',
    );
    const serial = Buffer.from(serialHex.length % 2 ? `0${serialHex}` : serialHex, 'hex');
    // DER integers carry a leading zero byte when the high bit is set.
    const serialDer = (serial[0] as number) & 0x80 ? Buffer.concat([Buffer.of(0), serial]) : serial;
    expect(first.ariCertId).toBe(
      `${Buffer.from(akiHex, 'hex').toString('base64url')}.${serialDer.toString('base64url')}`,
    );
    expect(ariCertId(new X509Certificate(leafPem))).toBe(first.ariCertId);
  });
});
