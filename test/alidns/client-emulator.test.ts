// The Alidns client against the emulator over real sockets: records are added, listed, resolved by the
// emulator's DNS server and deleted; Alidns's refusals arrive as typed errors with code and RequestId.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlidnsServiceError } from '../../src/alidns/index.ts';
import { queryDns } from '../../src/dns/query.ts';
import type { Emulator } from '../../src/emulator/index.ts';
import {
  alidnsClient,
  DENIED_KEY,
  FOREIGN_ZONE,
  failure,
  KEY_A,
  KEY_B,
  STS_KEY,
  startAlidnsEmulator,
  ZONE,
} from './helpers.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startAlidnsEmulator();
});
afterAll(async () => {
  await emulator.close();
});

async function serviceError(promise: Promise<unknown>): Promise<AlidnsServiceError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(AlidnsServiceError);
  const e = error as AlidnsServiceError;
  expect(e.requestId).toMatch(/^[0-9A-F-]{36}$/);
  return e;
}

describe('Alidns records through the emulator', () => {
  it('adds a TXT record that resolves, lists it, and deletes it', async () => {
    const client = alidnsClient(emulator);
    const id = await client.addDomainRecord({
      domainName: ZONE,
      rr: 'abc',
      type: 'TXT',
      value: 'token-1',
      ttl: 60,
    });
    expect(id).toMatch(/^\d{19}$/);

    const txt = await queryDns(`abc.${ZONE}`, 'TXT', { server: emulator.dns });
    expect(txt.rcode).toBe('NOERROR');
    expect(txt.answers).toEqual([expect.objectContaining({ type: 'TXT', data: 'token-1', ttl: 60 })]);

    const page = await client.describeDomainRecords({ domainName: ZONE, rrKeyWord: 'ab', type: 'TXT' });
    expect(page.totalCount).toBe(1);
    expect(page.records).toEqual([
      expect.objectContaining({
        recordId: id,
        domainName: ZONE,
        rr: 'abc',
        type: 'TXT',
        value: 'token-1',
        ttl: 60,
      }),
    ]);

    await client.deleteDomainRecord(id);
    expect((await queryDns(`abc.${ZONE}`, 'TXT', { server: emulator.dns })).rcode).toBe('NXDOMAIN');
    expect((await client.describeDomainRecords({ domainName: ZONE, rrKeyWord: 'abc' })).totalCount).toBe(0);
    await client.close();
  });

  it('keeps two TXT values at one name as one record set, and pages the listing', async () => {
    const client = alidnsClient(emulator);
    const one = await client.addDomainRecord({ domainName: ZONE, rr: 'two', type: 'TXT', value: 'v1' });
    const two = await client.addDomainRecord({ domainName: ZONE, rr: 'two', type: 'TXT', value: 'v2' });
    const txt = await queryDns(`two.${ZONE}`, 'TXT', { server: emulator.dns });
    expect(txt.answers.map((a) => a.data).sort()).toEqual(['v1', 'v2']);
    const page2 = await client.describeDomainRecords({
      domainName: ZONE,
      rrKeyWord: 'two',
      pageSize: 1,
      pageNumber: 2,
    });
    expect(page2).toMatchObject({ totalCount: 2, pageNumber: 2, pageSize: 1 });
    expect(page2.records.map((r) => r.recordId)).toEqual([two]);
    await client.deleteDomainRecord(one);
    const left = await queryDns(`two.${ZONE}`, 'TXT', { server: emulator.dns });
    expect(left.answers.map((a) => a.data)).toEqual(['v2']);
    await client.deleteDomainRecord(two);
    await client.close();
  });

  it('lists every record across pages', async () => {
    const client = alidnsClient(emulator);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await client.addDomainRecord({ domainName: ZONE, rr: `many${i}`, type: 'TXT', value: 'v' }));
    }
    const all = await client.listDomainRecords({ domainName: ZONE, rrKeyWord: 'many', pageSize: 2 });
    expect(all.map((r) => r.recordId)).toEqual(ids);
    for (const id of ids) await client.deleteDomainRecord(id);
    await client.close();
  });

  it('signs with STS credentials too', async () => {
    const client = alidnsClient(emulator, STS_KEY);
    const page = await client.describeDomainRecords({ domainName: ZONE });
    expect(page.pageNumber).toBe(1);
    await client.close();
  });
});

describe("Alidns's refusals", () => {
  it('InvalidDomainName.NoExist for a domain the account does not hold in Alidns', async () => {
    const client = alidnsClient(emulator);
    const e = await serviceError(
      client.addDomainRecord({ domainName: 'example.com', rr: 'x', type: 'TXT', value: 'v' }),
    );
    expect(e).toMatchObject({ status: 400, code: 'InvalidDomainName.NoExist', action: 'AddDomainRecord' });
    await client.close();
  });

  it("IncorrectDomainUser for another account's domain", async () => {
    const client = alidnsClient(emulator);
    const e = await serviceError(client.describeDomainRecords({ domainName: FOREIGN_ZONE }));
    expect(e).toMatchObject({ status: 400, code: 'IncorrectDomainUser' });
    await client.close();
  });

  it('DomainRecordDuplicate, DomainRecordConflict, DomainRecordNotBelongToUser', async () => {
    const client = alidnsClient(emulator);
    const other = alidnsClient(emulator, KEY_B);
    const id = await client.addDomainRecord({ domainName: ZONE, rr: 'dup', type: 'TXT', value: 'same' });
    const dup = await serviceError(
      client.addDomainRecord({ domainName: ZONE, rr: 'dup', type: 'TXT', value: 'same' }),
    );
    expect(dup.code).toBe('DomainRecordDuplicate');
    const conflict = await serviceError(
      client.addDomainRecord({ domainName: ZONE, rr: 'dup', type: 'CNAME', value: 'target.example.com' }),
    );
    expect(conflict.code).toBe('DomainRecordConflict');
    expect((await serviceError(other.deleteDomainRecord(id))).code).toBe('DomainRecordNotBelongToUser');
    expect((await serviceError(client.deleteDomainRecord('1'))).code).toBe('DomainRecordNotBelongToUser');
    await client.deleteDomainRecord(id);
    await Promise.all([client.close(), other.close()]);
  });

  it('rejects a signature made with the wrong secret, and an unknown AccessKey', async () => {
    const wrong = alidnsClient(emulator, { ...KEY_A, accessKeySecret: 'not-the-secret' });
    const e = await serviceError(
      wrong.addDomainRecord({ domainName: ZONE, rr: 'w', type: 'TXT', value: 'v' }),
    );
    expect(e).toMatchObject({ status: 400, code: 'IncompleteSignature' });
    expect(e.serverMessage).toMatch(
      /^The request signature does not conform to Aliyun standards\. server string to sign is:ACS3-HMAC-SHA256 [0-9a-f]{64}$/,
    );
    expect(e.message).not.toContain('not-the-secret');
    const unknown = alidnsClient(emulator, { accessKeyId: 'LTAInobody', accessKeySecret: 'x' });
    expect(await serviceError(unknown.describeDomainRecords({ domainName: ZONE }))).toMatchObject({
      status: 404,
      code: 'InvalidAccessKeyId.NotFound',
    });
    expect(
      (await alidnsClient(emulator).describeDomainRecords({ domainName: ZONE, rrKeyWord: 'w' })).totalCount,
    ).toBe(0);
    await Promise.all([wrong.close(), unknown.close()]);
  });

  it('refuses stale dates, reused nonces and RAM-denied actions', async () => {
    const stale = alidnsClient(emulator, KEY_A, { now: () => emulator.now() - 20 * 60 * 1000 });
    expect((await serviceError(stale.describeDomainRecords({ domainName: ZONE }))).code).toBe(
      'InvalidTimeStamp.Expired',
    );
    const replay = alidnsClient(emulator, KEY_A, { nonce: () => 'fixed-nonce-for-replay' });
    await replay.describeDomainRecords({ domainName: ZONE });
    expect((await serviceError(replay.describeDomainRecords({ domainName: ZONE }))).code).toBe(
      'SignatureNonceUsed',
    );
    const denied = alidnsClient(emulator, DENIED_KEY);
    const e = await serviceError(
      denied.addDomainRecord({ domainName: ZONE, rr: 'd', type: 'TXT', value: 'v' }),
    );
    expect(e).toMatchObject({ status: 403, code: 'Forbidden.RAM' });
    await Promise.all([stale.close(), replay.close(), denied.close()]);
  });
});
