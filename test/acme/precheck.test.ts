// The pre-check through our own resolvers, against the project's DNS server (no CA needed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcmeError, challengeCname, challengeLabel } from '../../src/acme/index.ts';
import { precheckChallenge } from '../../src/acme/precheck.ts';
import { type DnsServer, startDnsServer } from '../../src/emulator/dns/server.ts';
import { zoneChallengeRecords } from './zone-challenge-records.ts';

const ZONE = 'acme.example.net';
const SECRET = 's';
let dns: DnsServer;
beforeAll(async () => {
  dns = await startDnsServer();
});
afterAll(() => dns?.close());

const challengeFor = (domain: string, value = 'txt-value') => ({
  domain,
  authorizationUrl: 'https://ca.test/authz/1',
  challengeUrl: 'https://ca.test/chall/1',
  label: challengeLabel(domain, SECRET),
  value,
});

async function detail(domain: string, resolvers = [dns.address]): Promise<string> {
  try {
    await precheckChallenge(challengeFor(domain), ZONE, { resolvers, timeoutMs: 300 });
  } catch (error) {
    if (error instanceof AcmeError && error.code === 'acme-challenge-not-visible') return error.detail;
    throw error;
  }
  return 'visible';
}

describe('the challenge pre-check', () => {
  it("passes through the delegation CNAME, also behind a CNAME of the customer's own", async () => {
    const records = zoneChallengeRecords(dns.store, ZONE);
    const direct = 'direct.example.com';
    dns.store.set(`_acme-challenge.${direct}`, {
      type: 'CNAME',
      ttl: 60,
      values: [challengeCname(direct, SECRET, ZONE).value],
    });
    await records.publish(challengeLabel(direct, SECRET), 'txt-value');
    expect(await detail(direct)).toBe('visible');

    const chained = 'chained.example.com';
    dns.store.set(`_acme-challenge.${chained}`, { type: 'CNAME', ttl: 60, values: ['alias.example.org'] });
    dns.store.set('alias.example.org', {
      type: 'CNAME',
      ttl: 60,
      values: [challengeCname(chained, SECRET, ZONE).value],
    });
    await records.publish(challengeLabel(chained, SECRET), 'txt-value');
    expect(await detail(chained)).toBe('visible');
  });

  it('flags a TXT record sitting at _acme-challenge instead of the CNAME', async () => {
    const domain = 'conflict.example.com';
    dns.store.set(`_acme-challenge.${domain}`, { type: 'TXT', ttl: 60, values: ['left-over'] });
    expect(await detail(domain)).toContain('holds TXT records of its own');
  });

  it('says the value is not visible yet when the CNAME is right but the TXT is missing', async () => {
    const domain = 'pending.example.com';
    dns.store.set(`_acme-challenge.${domain}`, {
      type: 'CNAME',
      ttl: 60,
      values: [challengeCname(domain, SECRET, ZONE).value],
    });
    expect(await detail(domain)).toContain('not visible there yet');
  });

  it('says when no resolver answers', async () => {
    expect(await detail('x.example.com', [{ host: '127.0.0.1', port: 9 }])).toMatch(/Could not look up/);
  });

  it('publish and remove keep other values at a shared label', async () => {
    const records = zoneChallengeRecords(dns.store, ZONE);
    await records.publish('shared', 'one');
    await records.publish('shared', 'two');
    await records.publish('shared', 'two');
    expect(dns.store.get(`shared.${ZONE}`)[0]?.values).toEqual(['one', 'two']);
    await records.remove('shared', 'one');
    expect(dns.store.get(`shared.${ZONE}`)[0]?.values).toEqual(['two']);
    await records.remove('shared', 'two');
    await records.remove('shared', 'two');
    expect(dns.store.get(`shared.${ZONE}`)).toEqual([]);
  });
});
