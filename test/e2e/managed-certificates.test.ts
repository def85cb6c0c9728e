// A managed certificate end to end over real sockets: one POST, the records it lists published in the
// emulator's DNS, and the reconciler alone takes the domain to ready with a certificate from Debian's
// Pebble attached at the emulator's binding; it renews it by itself when Pebble issues short-lived
// certificates, and waits with a clear error while the `_acme-challenge` delegation is wrong or missing.
import { X509Certificate } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReceiver } from '../webhooks/receiver.ts';
import { BUCKET, type CertificateStack, startCertificateStack, until } from './helpers/certificate-stack.ts';

/**
 * Pebble's certificates last this long; the service renews two thirds in (about 13 s). The renewal test
 * moves the service's clock to that point instead of waiting for it.
 */
const VALIDITY_SECONDS = 20;

// Each step takes seconds; the margin is for a loaded machine.
vi.setConfig({ testTimeout: 40_000 });

let stack: CertificateStack;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let secret: string;
beforeAll(async () => {
  stack = await startCertificateStack({ ACME_PEBBLE_VALIDITY_SECONDS: String(VALIDITY_SECONDS) });
  receiver = await startReceiver((res) => res.writeHead(204).end());
  const subscribed = await stack.call('POST', '/webhooks', {
    url: receiver.url,
    events: ['domain.certificate_issued', 'domain.ready', 'domain.certificate_renewed'],
    buckets: [BUCKET],
  });
  expect(subscribed.status).toBe(201);
  secret = subscribed.body.secret;
});
afterAll(async () => {
  await stack?.close();
  await receiver?.close();
});

interface Delivered {
  type: string;
  data: { domain: string; certificate: { fingerprint: string } };
}

/** The signed delivery of an event about the domain, once the receiver has it (signature checked). */
const delivered = (type: string, domain: string, fingerprint: string) =>
  until(`a signed ${type} delivery for ${domain}`, async () =>
    receiver.received
      .map((r) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as Delivered)
      .find(
        (e) => e.type === type && e.data.domain === domain && e.data.certificate.fingerprint === fingerprint,
      ),
  );

const path = (domain: string) => `/buckets/${BUCKET}/domains/${domain}`;
const read = async (domain: string) => (await stack.call('GET', path(domain))).body;

interface Listed {
  purpose: string;
  type: 'TXT' | 'CNAME';
  name: string;
  value: string;
  satisfied: boolean;
}

async function attach(domain: string): Promise<Listed[]> {
  const attached = await stack.call('POST', `/buckets/${BUCKET}/domains`, { domain, certificate: 'managed' });
  expect(attached.status).toBe(202);
  return attached.body.dnsRecords;
}

function publish(record: Pick<Listed, 'name' | 'type' | 'value'>) {
  return stack.emulator.setDnsRecord(record.name, { type: record.type, values: [record.value] });
}

async function served(domain: string) {
  const material = await stack.certificates.driver?.material(BUCKET, domain);
  if (material === undefined) throw new Error(`no certificate stored for ${domain}`);
  return new X509Certificate(material.certificatePem);
}

/** The fingerprint the emulator's ListCname shows once it is the wanted one. */
const bindingShows = (domain: string, fingerprint: string) =>
  until(`the emulator's binding of ${domain} to carry ${fingerprint}`, async () => {
    const seen = (await stack.binding(domain))?.certificate?.fingerprint;
    return seen === fingerprint ? seen : undefined;
  });

let first: { fingerprint: string; notBefore: string; renewAfter: string } | undefined;

describe('managed certificates end to end (service, emulator, Pebble)', () => {
  it('brings a domain to ready with a Pebble certificate attached at OSS, through the reconciler alone', async () => {
    const domain = 'shop.example.com';
    const records = await attach(domain);
    expect(records.map((r) => r.purpose)).toEqual(['ownership', 'traffic', 'acme-challenge']);
    const challenge = records.find((r) => r.purpose === 'acme-challenge');
    expect(challenge).toMatchObject({ type: 'CNAME', name: `_acme-challenge.${domain}`, satisfied: false });
    expect(challenge?.value).toMatch(/^[0-9a-f]{32}\.acme\.example\.net$/);
    for (const record of records) await publish(record);

    const ready = await until('the domain to be ready', async () => {
      const body = await read(domain);
      return body.ready ? body : undefined;
    });
    expect(ready).toMatchObject({
      status: 'bound',
      certificate: { mode: 'managed', status: 'active', lastError: null },
      checks: { lastError: null },
    });
    expect(ready.dnsRecords.map((r: Listed) => [r.purpose, r.satisfied])).toEqual([
      ['ownership', true],
      ['traffic', true],
      ['acme-challenge', true],
    ]);
    const leaf = await served(domain);
    expect(leaf.issuer).toMatch(/Pebble Intermediate CA/);
    expect(leaf.checkHost(domain)).toBe(domain);
    expect(leaf.validToDate.getTime() - leaf.validFromDate.getTime()).toBe((VALIDITY_SECONDS - 1) * 1000);
    expect(ready.certificate).toMatchObject({
      fingerprint: leaf.fingerprint,
      notBefore: leaf.validFromDate.toISOString(),
      notAfter: leaf.validToDate.toISOString(),
    });
    await bindingShows(domain, leaf.fingerprint);
    const events = await stack.events(domain);
    expect(events.slice(0, 4)).toEqual([
      'domain.created',
      'domain.ownership_verified',
      'domain.bound',
      'domain.certificate_issued',
    ]);
    expect(events.indexOf('domain.ready')).toBeGreaterThan(events.indexOf('domain.certificate_issued'));
    await delivered('domain.certificate_issued', domain, leaf.fingerprint);
    await delivered('domain.ready', domain, leaf.fingerprint);
    first = ready.certificate;
  });

  it('waits with a clear lastError while the challenge CNAME is wrong, then missing, and issues once fixed', async () => {
    const domain = 'late.example.com';
    const records = await attach(domain);
    const challenge = records.find((r) => r.purpose === 'acme-challenge') as Listed;
    for (const record of records) {
      await publish(
        record.purpose === 'acme-challenge' ? { ...record, value: 'elsewhere.example.org' } : record,
      );
    }
    const lastError = (domain: string, wanted: string) =>
      until(`certificate.lastError saying "${wanted}"`, async () => {
        const body = await read(domain);
        return body.certificate.lastError?.detail.includes(wanted) ? body : undefined;
      });

    const wrong = await lastError(domain, 'elsewhere.example.org');
    expect(wrong).toMatchObject({
      status: 'bound',
      ready: false,
      certificate: { status: 'none', fingerprint: null, lastError: { code: 'acme-challenge-not-visible' } },
    });
    expect(wrong.certificate.lastError.detail).toContain(`CNAME ${challenge.value}`);
    expect(wrong.dnsRecords.find((r: Listed) => r.purpose === 'acme-challenge').satisfied).toBe(false);

    await stack.emulator.deleteDnsRecord(challenge.name);
    const missing = await lastError(domain, 'has no CNAME record');
    expect(missing.certificate.lastError.detail).toContain(`${challenge.name} CNAME ${challenge.value}`);
    expect(await stack.binding(domain)).toMatchObject({ certificate: undefined });
    expect(await stack.events(domain)).not.toContain('domain.certificate_issued');

    await publish(challenge);
    const fixed = await until('the domain to be ready once the CNAME is fixed', async () => {
      const body = await read(domain);
      return body.ready ? body : undefined;
    });
    expect(fixed.certificate).toMatchObject({ status: 'active', lastError: null });
    await bindingShows(domain, fixed.certificate.fingerprint);
    expect((await stack.events(domain)).filter((e) => e === 'domain.certificate_issued')).toHaveLength(1);
  });

  it('renews the short-lived certificate by itself and attaches the new one', async () => {
    const domain = 'shop.example.com';
    if (first === undefined) throw new Error('the first test issued nothing');
    const before = first;
    // Its time to renew, by the service's clock: what it does next, it does by itself.
    stack.advance(Date.parse(before.renewAfter) - Date.now());
    const renewed = await until('a renewal', async () => {
      const body = await read(domain);
      const c = body.certificate;
      return c.status === 'active' && c.fingerprint !== before.fingerprint ? body : undefined;
    });
    expect(renewed.ready).toBe(true);
    expect(Date.parse(renewed.certificate.notBefore)).toBeGreaterThan(Date.parse(before.notBefore));
    await bindingShows(domain, renewed.certificate.fingerprint);
    const events = await stack.events(domain);
    expect(events.indexOf('domain.certificate_renewed')).toBeGreaterThan(
      events.indexOf('domain.certificate_issued'),
    );
    expect(events).not.toContain('domain.certificate_renewal_failed');
    await delivered('domain.certificate_renewed', domain, renewed.certificate.fingerprint);
  });
});
