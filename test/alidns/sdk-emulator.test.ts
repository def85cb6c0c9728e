// The official @alicloud/alidns20150109 SDK, configured as its users configure it (AccessKey pair,
// which also sends its x-acs-credentials-provider header), works against the emulator: its signatures
// verify, its answers parse, and Alidns's error codes reach it.

import Alidns, * as $Alidns from '@alicloud/alidns20150109';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDns } from '../../src/dns/query.ts';
import type { Emulator } from '../../src/emulator/index.ts';
import { failure, KEY_A, startAlidnsEmulator, ZONE } from './helpers.ts';

const SdkClient = ((Alidns as unknown as { default?: unknown }).default ?? Alidns) as typeof Alidns.default;

let emulator: Emulator;
let sdk: InstanceType<typeof SdkClient>;
beforeAll(async () => {
  emulator = await startAlidnsEmulator();
  const endpoint = new URL(emulator.url).host;
  sdk = new SdkClient(new $OpenApiUtil.Config({ ...KEY_A, endpoint, protocol: 'http' }));
});
afterAll(async () => {
  await emulator.close();
});

describe('the official SDK against the emulator', () => {
  it('adds, lists and deletes a record that resolves in between', async () => {
    const added = await sdk.addDomainRecord(
      new $Alidns.AddDomainRecordRequest({ domainName: ZONE, RR: 'sdk', type: 'TXT', value: 'from-sdk' }),
    );
    const id = added.body?.recordId ?? '';
    expect(id).toMatch(/^\d{19}$/);
    const txt = await queryDns(`sdk.${ZONE}`, 'TXT', { server: emulator.dns });
    expect(txt.answers.map((a) => a.data)).toEqual(['from-sdk']);

    const listed = await sdk.describeDomainRecords(
      new $Alidns.DescribeDomainRecordsRequest({ domainName: ZONE, RRKeyWord: 'sdk' }),
    );
    expect(listed.body?.totalCount).toBe(1);
    expect(listed.body?.domainRecords?.record?.[0]).toMatchObject({
      recordId: id,
      RR: 'sdk',
      value: 'from-sdk',
    });

    await sdk.deleteDomainRecord(new $Alidns.DeleteDomainRecordRequest({ recordId: id }));
    expect((await queryDns(`sdk.${ZONE}`, 'TXT', { server: emulator.dns })).rcode).toBe('NXDOMAIN');
  });

  it('gets Alidns error codes with their RequestId', async () => {
    const error = await failure(
      sdk.addDomainRecord(
        new $Alidns.AddDomainRecordRequest({ domainName: 'example.com', RR: 'x', type: 'TXT', value: 'v' }),
      ),
    );
    expect(error).toMatchObject({ code: 'InvalidDomainName.NoExist', statusCode: 400 });
    expect((error as { data?: { RequestId?: string } }).data?.RequestId).toMatch(/^[0-9A-F-]{36}$/);
  });
});
