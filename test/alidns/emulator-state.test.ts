// The emulator's Alidns side beyond single calls: the delegated-DCV CNAME chain resolving to a TXT that
// Alidns wrote, faults on Alidns actions (and which ones the client retries), persistence across a
// restart, reset, and the seed's dnsDomains.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlidnsClient, AlidnsNetworkError, AlidnsServiceError } from '../../src/alidns/index.ts';
import { queryDns } from '../../src/dns/query.ts';
import { DEFAULT_DNS_DOMAIN, DEFAULT_SEED, parseSeed, SeedError } from '../../src/emulator/index.ts';
import { ACCOUNT_A, ALIDNS_SEED, alidnsClient, failure, startAlidnsEmulator, ZONE } from './helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alidns-emulator-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DNS answers', () => {
  it('follow a CNAME chain inside the emulator to the TXT Alidns wrote', async () => {
    const emulator = await startAlidnsEmulator();
    const client = alidnsClient(emulator);
    try {
      await emulator.setDnsRecord('_acme-challenge.img.example.com', {
        type: 'CNAME',
        values: ['hop.example.com'],
      });
      await emulator.setDnsRecord('hop.example.com', { type: 'CNAME', values: [`abc.${ZONE}`] });
      const id = await client.addDomainRecord({
        domainName: ZONE,
        rr: 'abc',
        type: 'TXT',
        value: 'key-auth',
      });
      const answer = await queryDns('_acme-challenge.img.example.com', 'TXT', { server: emulator.dns });
      expect(answer.rcode).toBe('NOERROR');
      expect(answer.answers.map((a) => [a.name, a.type, a.data])).toEqual([
        ['_acme-challenge.img.example.com', 'CNAME', 'hop.example.com'],
        ['hop.example.com', 'CNAME', `abc.${ZONE}`],
        [`abc.${ZONE}`, 'TXT', 'key-auth'],
      ]);
      await client.deleteDomainRecord(id);
      const after = await queryDns('_acme-challenge.img.example.com', 'TXT', { server: emulator.dns });
      expect(after.answers.map((a) => a.type)).toEqual(['CNAME', 'CNAME']);
    } finally {
      await client.close();
      await emulator.close();
    }
  });
});

describe('faults on Alidns actions', () => {
  it('answer Alidns JSON errors; the client retries reads and throttled adds, not an ambiguous add', async () => {
    const emulator = await startAlidnsEmulator();
    const client = alidnsClient(emulator);
    try {
      emulator.addFault({ op: 'DescribeDomainRecords', kind: 'status', status: 503, count: 1 });
      expect((await client.describeDomainRecords({ domainName: ZONE })).totalCount).toBe(0);

      emulator.addFault({ op: 'AddDomainRecord', kind: 'status', status: 429, count: 1 });
      const id = await client.addDomainRecord({ domainName: ZONE, rr: 'throttled', type: 'TXT', value: 'v' });
      expect(id).toMatch(/^\d+$/);

      emulator.addFault({ op: 'AddDomainRecord', kind: 'status', status: 503, count: 1, when: 'after' });
      const error = await failure(
        client.addDomainRecord({ domainName: ZONE, rr: 'once', type: 'TXT', value: 'v' }),
      );
      expect(error).toBeInstanceOf(AlidnsServiceError);
      expect(error).toMatchObject({ status: 503, code: 'ServiceUnavailable' });
      // The add happened before the injected failure: the caller sees it by listing, not by a blind retry.
      const listed = await client.describeDomainRecords({ domainName: ZONE, rrKeyWord: 'once' });
      expect(listed.totalCount).toBe(1);
      expect(emulator.state().faults).toEqual([]);
    } finally {
      await client.close();
      await emulator.close();
    }
  });
});

describe('network failures', () => {
  it('retry reads and deletes after a reset connection, never an add that may have happened', async () => {
    const emulator = await startAlidnsEmulator();
    const client = alidnsClient(emulator);
    try {
      emulator.addFault({ op: 'DescribeDomainRecords', kind: 'reset', count: 2 });
      expect((await client.describeDomainRecords({ domainName: ZONE })).totalCount).toBe(0);

      emulator.addFault({ op: 'AddDomainRecord', kind: 'reset', count: 1, when: 'after' });
      const error = await failure(
        client.addDomainRecord({ domainName: ZONE, rr: 'reset', type: 'TXT', value: 'v' }),
      );
      expect(error).toBeInstanceOf(AlidnsNetworkError);
      expect(error).toMatchObject({ requestSent: true, action: 'AddDomainRecord' });
      const [record] = (await client.describeDomainRecords({ domainName: ZONE, rrKeyWord: 'reset' })).records;
      expect(record?.value).toBe('v');

      emulator.addFault({ op: 'DeleteDomainRecord', kind: 'reset', count: 1 });
      await client.deleteDomainRecord(record?.recordId ?? '');
      expect((await client.describeDomainRecords({ domainName: ZONE })).totalCount).toBe(0);
      expect(emulator.state().faults).toEqual([]);
    } finally {
      await client.close();
      await emulator.close();
    }
  });

  it('retry an add whose connection was refused, then report it unsent', async () => {
    const emulator = await startAlidnsEmulator();
    const url = emulator.url;
    await emulator.close();
    let attempts = 0;
    const client = new AlidnsClient({
      endpoint: url,
      credentials: { accessKeyId: 'a', accessKeySecret: 'b' },
      retry: { maxAttempts: 3, sleep: async () => void attempts++ },
    });
    const error = await failure(
      client.addDomainRecord({ domainName: ZONE, rr: 'x', type: 'TXT', value: 'v' }),
    );
    expect(error).toMatchObject({ code: 'AlidnsNetworkError', requestSent: false });
    expect(attempts).toBe(2);
    await client.close();
  });
});

describe('state', () => {
  it('keeps records across a restart with --state, and reset clears them', async () => {
    const statePath = join(dir, 'alidns.json');
    const first = await startAlidnsEmulator({ statePath });
    const c1 = alidnsClient(first);
    const id = await c1.addDomainRecord({ domainName: ZONE, rr: 'kept', type: 'TXT', value: 'persisted' });
    await c1.close();
    await first.close();

    const second = await startAlidnsEmulator({ statePath });
    const c2 = alidnsClient(second);
    try {
      const page = await c2.describeDomainRecords({ domainName: ZONE });
      expect(page.records.map((r) => [r.recordId, r.value])).toEqual([[id, 'persisted']]);
      const txt = await queryDns(`kept.${ZONE}`, 'TXT', { server: second.dns });
      expect(txt.answers.map((a) => a.data)).toEqual(['persisted']);
      // Ids keep counting after a restart: a deleted id is never handed out again.
      const next = await c2.addDomainRecord({ domainName: ZONE, rr: 'next', type: 'TXT', value: 'v' });
      expect(BigInt(next)).toBeGreaterThan(BigInt(id));

      await second.reset();
      expect((await c2.describeDomainRecords({ domainName: ZONE })).totalCount).toBe(0);
      expect((await queryDns(`kept.${ZONE}`, 'TXT', { server: second.dns })).rcode).toBe('NXDOMAIN');
    } finally {
      await c2.close();
      await second.close();
    }
  });

  it('drops the records of a domain the seed no longer holds, from Alidns and from DNS', async () => {
    const statePath = join(dir, 'dropped.json');
    const first = await startAlidnsEmulator({ statePath });
    const c1 = alidnsClient(first);
    await c1.addDomainRecord({ domainName: ZONE, rr: 'gone', type: 'TXT', value: 'v' });
    await c1.close();
    await first.close();

    const second = await startAlidnsEmulator({ statePath, seed: { ...ALIDNS_SEED, dnsDomains: [] } });
    try {
      expect((await queryDns(`gone.${ZONE}`, 'TXT', { server: second.dns })).rcode).toBe('NXDOMAIN');
    } finally {
      await second.close();
    }
    const third = await startAlidnsEmulator({ statePath });
    const c3 = alidnsClient(third);
    try {
      expect((await c3.describeDomainRecords({ domainName: ZONE })).totalCount).toBe(0);
    } finally {
      await c3.close();
      await third.close();
    }
  });
});

describe('seed dnsDomains', () => {
  it('default seed holds acme.example.net for its account', () => {
    expect(DEFAULT_DNS_DOMAIN).toBe('acme.example.net');
    expect(DEFAULT_SEED.dnsDomains).toEqual([
      { name: 'acme.example.net', owner: DEFAULT_SEED.accounts[0]?.id },
    ]);
  });

  it('refuses unknown owners and duplicates, naming the field', () => {
    const bad = {
      ...ALIDNS_SEED,
      dnsDomains: [
        { name: ZONE, owner: '999' },
        { name: ZONE.toUpperCase(), owner: ACCOUNT_A },
      ],
    };
    expect(() => parseSeed(bad)).toThrow(SeedError);
    expect(() => parseSeed(bad)).toThrow(/no account 999\n.*dnsDomains\[0\]\.owner/);
    expect(() => parseSeed(bad)).toThrow(/duplicate DNS domain acme\.example\.net/);
  });
});
