// The ACME driver against real Pebble: challenges written through the emulator's Alidns, seen through the
// emulator's DNS behind the customer's `_acme-challenge` CNAME, validated by Pebble.

import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alidnsChallengeRecords } from '../../src/certificates/index.ts';
import { queryDns } from '../../src/dns/query.ts';
import type { Observation } from '../../src/domains/index.ts';
import { verifyChain } from '../acme/fixture.ts';
import { alidnsClient, FOREIGN_ZONE } from '../alidns/helpers.ts';
import { boundRow, type DriverFixture, delegate, startDriverFixture, ZONE } from './driver-fixture.ts';

let fx: DriverFixture;
beforeAll(async () => {
  fx = await startDriverFixture({ certificateValidityPeriod: 120 });
});
afterAll(() => fx?.close());

const steps = (seen: Observation[]) => seen.map((o) => (o.kind === 'certificate' ? o.step : o.kind));
const issued = (seen: Observation[]) => {
  const last = seen.at(-1);
  if (last?.kind !== 'certificate' || last.step !== 'issued')
    throw new Error(`not issued: ${JSON.stringify(seen)}`);
  return last.certificate;
};

describe('ACME certificate driver', () => {
  it('issues through the delegated CNAME, keeps the key sealed, and removes the TXT', async () => {
    const driver = await fx.driver(await fx.memoryStore());
    const domain = 'img.example.com';
    const cname = driver.challengeRecord(domain);
    expect(cname).toMatchObject({ name: `_acme-challenge.${domain}`, zone: ZONE });
    expect(cname.value).toMatch(new RegExp(`^[0-9a-f]{32}\\.${ZONE.replaceAll('.', '\\.')}$`));
    await delegate(fx.emulator, driver, domain);

    const seen = await driver.advance(boundRow(domain), 'issue', new Date());
    expect(steps(seen)).toEqual(['ordered', 'validated', 'issued']);
    const cert = issued(seen);
    const material = await driver.material('photos', domain);
    if (material === undefined) throw new Error('no material');
    const leaf = verifyChain(material.certificatePem, fx.pebble.rootPem);
    expect(leaf.checkHost(domain)).toBe(domain);
    expect(cert.fingerprint).toBe(leaf.fingerprint);
    expect(cert.notAfter.getTime()).toBe(new Date(leaf.validTo).getTime());
    expect(cert.renewAfter.getTime()).toBeGreaterThan(cert.notBefore.getTime());
    expect(cert.renewAfter.getTime()).toBeLessThan(cert.notAfter.getTime());
    const spki = (k: ReturnType<typeof createPublicKey>) => k.export({ type: 'spki', format: 'der' });
    expect(spki(leaf.publicKey)).toEqual(spki(createPublicKey(createPrivateKey(material.privateKeyPem))));
    const txt = await queryDns(cname.value, 'TXT', { server: fx.emulator.dns });
    expect(txt.answers.filter((a) => a.type === 'TXT')).toEqual([]);

    await driver.forget('photos', domain);
    expect(await driver.material('photos', domain)).toBeUndefined();
  });

  it('waits with a clear error while the CNAME is missing, then resumes the same order once it is there', async () => {
    const store = await fx.memoryStore();
    const domain = 'late.example.com';
    const first = await fx.driver(store);
    const waiting = await first.advance(boundRow(domain), 'issue', new Date());
    expect(steps(waiting)).toEqual(['ordered', 'failed']);
    const failed = waiting[1];
    expect(failed).toMatchObject({
      kind: 'certificate',
      step: 'failed',
      terminal: false,
      error: { code: 'acme-challenge-not-visible' },
    });
    const detail = failed?.kind === 'certificate' && failed.step === 'failed' ? failed.error.detail : '';
    expect(detail).toContain(`_acme-challenge.${domain}`);
    expect(detail).toContain(first.challengeRecord(domain).value);

    // A restart: a new driver on the same store picks the stored order up (no second `ordered`).
    const second = await fx.driver(store);
    await delegate(fx.emulator, second, domain);
    const done = await second.advance(boundRow(domain), 'issue', new Date());
    expect(steps(done)).toEqual(['validated', 'issued']);
  });

  it('renews with a new order while the old certificate stays', async () => {
    const store = await fx.memoryStore();
    const driver = await fx.driver(store);
    const domain = 'renew.example.com';
    await delegate(fx.emulator, driver, domain);
    const old = issued(await driver.advance(boundRow(domain), 'issue', new Date()));
    // Renewal once a third of the certificate's own lifetime remains, up to a 1/30 jitter earlier.
    // Pebble's lifetime is about 120 s but its X.509 dates can make it a little shorter, so no fixed floor.
    const lifetime = old.notAfter.getTime() - old.notBefore.getTime();
    const before = old.notAfter.getTime() - old.renewAfter.getTime();
    expect(lifetime).toBeGreaterThan(100_000);
    expect(before).toBeGreaterThanOrEqual(Math.floor(lifetime / 3));
    expect(before).toBeLessThanOrEqual(Math.ceil(lifetime / 3 + lifetime / 30));
    const oldPem = (await driver.material('photos', domain))?.certificatePem;

    // A renewal refused (here by our own order count) leaves the served certificate alone.
    const strict = await fx.driver(store, {
      limits: {
        perRegisteredDomain: { max: 100, windowMs: 3_600_000 },
        perAccount: { max: 100, windowMs: 3_600_000 },
        perNameSet: { max: 1, windowMs: 3_600_000 },
        failedPerName: { max: 100, windowMs: 3_600_000 },
      },
    });
    const refused = await strict.advance(boundRow(domain), 'renew', new Date());
    expect(refused).toMatchObject([{ step: 'failed', error: { code: 'acme-rate-limited' } }]);
    expect((await driver.material('photos', domain))?.certificatePem).toBe(oldPem);

    const renewed = await driver.advance(boundRow(domain), 'renew', new Date());
    expect(steps(renewed)).toEqual(['ordered', 'validated', 'issued']);
    expect(issued(renewed).fingerprint).not.toBe(old.fingerprint);
    const pem = (await driver.material('photos', domain))?.certificatePem as string;
    expect(new X509Certificate(pem).fingerprint).toBe(issued(renewed).fingerprint);
    expect(pem).not.toBe(oldPem);
  });

  it('counts orders and answers acme-rate-limited with a retry time past the limit', async () => {
    const limits = {
      perRegisteredDomain: { max: 1, windowMs: 3_600_000 },
      perAccount: { max: 100, windowMs: 3_600_000 },
      perNameSet: { max: 100, windowMs: 3_600_000 },
      failedPerName: { max: 100, windowMs: 3_600_000 },
    };
    const store = await fx.memoryStore();
    const driver = await fx.driver(store, { limits });
    await delegate(fx.emulator, driver, 'a.limited.test');
    expect(steps(await driver.advance(boundRow('a.limited.test'), 'issue', new Date()))).toContain('issued');
    // Another replica shares the counts through the store.
    const other = await fx.driver(store, { limits });
    const [seen] = await other.advance(boundRow('b.limited.test'), 'issue', new Date());
    expect(seen).toMatchObject({ step: 'failed', error: { code: 'acme-rate-limited' }, terminal: false });
    expect(seen?.kind === 'certificate' && seen.step === 'failed' && seen.retryAfterMs).toBeGreaterThan(
      3_000_000,
    );
  });

  it("reports Alidns's refusal to write the challenge as a failed, retryable step", async () => {
    const client = alidnsClient(fx.emulator);
    const driver = await fx.driver(await fx.memoryStore(), {
      settings: { directoryUrl: fx.pebble.directoryUrl, caPem: fx.pebble.tlsCaPem, dnsZone: FOREIGN_ZONE },
      records: alidnsChallengeRecords(client, FOREIGN_ZONE),
    });
    const seen = await driver.advance(boundRow('foreign.example.com'), 'issue', new Date());
    expect(steps(seen)).toEqual(['ordered', 'failed']);
    expect(seen[1]).toMatchObject({ terminal: false, error: { code: 'acme-challenge-not-visible' } });
    const detail = seen[1]?.kind === 'certificate' && seen[1].step === 'failed' ? seen[1].error.detail : '';
    expect(detail).toContain('IncorrectDomainUser');
    await client.close();
  });
});
