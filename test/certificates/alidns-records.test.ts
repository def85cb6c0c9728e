// Challenge TXT records written through the Alidns client into the emulator, seen by its DNS server over
// real sockets; retried calls change nothing twice.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlidnsServiceError } from '../../src/alidns/index.ts';
import { alidnsChallengeRecords } from '../../src/certificates/index.ts';
import { queryDns } from '../../src/dns/query.ts';
import type { Emulator } from '../../src/emulator/index.ts';
import { alidnsClient, FOREIGN_ZONE, failure, startAlidnsEmulator, ZONE } from '../alidns/helpers.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startAlidnsEmulator();
});
afterAll(() => emulator?.close());

async function txt(name: string): Promise<string[]> {
  const answer = await queryDns(name, 'TXT', { server: emulator.dns });
  return answer.answers
    .filter((a) => a.type === 'TXT')
    .map((a) => a.data)
    .sort();
}

describe('Alidns-backed challenge records', () => {
  it('publishes a TXT that resolves, once however often it is retried, and removes it', async () => {
    const client = alidnsClient(emulator);
    const records = alidnsChallengeRecords(client, `${ZONE}.`, { ttl: 60 });
    await records.publish('0a1b2c', 'value-1');
    await records.publish('0a1b2c', 'value-1');
    await records.publish('0a1b2c', 'value-2');
    // A label containing the first one must stay apart (RRKeyWord matches by substring).
    await records.publish('0a1b2cff', 'value-1');
    expect(await txt(`0a1b2c.${ZONE}`)).toEqual(['value-1', 'value-2']);
    const page = await client.describeDomainRecords({ domainName: ZONE, rrKeyWord: '0a1b2c' });
    expect(page.totalCount).toBe(3);

    await records.remove('0a1b2c', 'value-1');
    await records.remove('0a1b2c', 'value-1');
    expect(await txt(`0a1b2c.${ZONE}`)).toEqual(['value-2']);
    expect(await txt(`0a1b2cff.${ZONE}`)).toEqual(['value-1']);
    await records.remove('0a1b2c', 'value-2');
    await records.remove('0a1b2cff', 'value-1');
    expect((await queryDns(`0a1b2c.${ZONE}`, 'TXT', { server: emulator.dns })).rcode).toBe('NXDOMAIN');
    await client.close();
  });

  it("passes Alidns's refusal of a zone the account does not hold", async () => {
    const client = alidnsClient(emulator);
    const error = await failure(alidnsChallengeRecords(client, FOREIGN_ZONE).publish('abc', 'v'));
    expect(error).toBeInstanceOf(AlidnsServiceError);
    expect((error as AlidnsServiceError).code).toBe('IncorrectDomainUser');
    await client.close();
  });
});
