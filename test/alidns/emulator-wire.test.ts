// Alidns requests the client never sends, built and sent by hand: the emulator's checks of version,
// action, parameters, date, nonce, STS token and body hash answer Alidns's codes.

import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acsDate, buildAlidnsRequest, type SignedAlidnsRequest } from '../../src/alidns/index.ts';
import type { Emulator } from '../../src/emulator/index.ts';
import { alidnsClient, failure, KEY_A, STS_KEY, startAlidnsEmulator, ZONE } from './helpers.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startAlidnsEmulator();
});
afterAll(async () => {
  await emulator.close();
});

type Input = Partial<Parameters<typeof buildAlidnsRequest>[0]>;

function signed(input: Input = {}): SignedAlidnsRequest {
  return buildAlidnsRequest({
    origin: emulator.url,
    action: 'DescribeDomainRecords',
    params: { DomainName: ZONE },
    credentials: KEY_A,
    userAgent: 'test',
    date: acsDate(emulator.now()),
    ...input,
  });
}

async function send(req: SignedAlidnsRequest, body = req.body) {
  const res = await request(`${req.origin}${req.target}`, { method: req.method, headers: req.headers, body });
  const json = (await res.body.json()) as Record<string, unknown>;
  return { status: res.statusCode, code: json.Code, json };
}

describe('hand-made Alidns requests', () => {
  it('answers a good one, with RequestId in body and header', async () => {
    const res = await send(signed());
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      TotalCount: 0,
      PageNumber: 1,
      PageSize: 20,
      DomainRecords: { Record: [] },
    });
    expect(res.json.RequestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('refuses another API version and an unknown action', async () => {
    const req = signed();
    req.headers['x-acs-version'] = '2016-01-01';
    expect(await send(req)).toMatchObject({ status: 400, code: 'InvalidVersion' });
    expect(await send(signed({ action: 'UpdateDomainRecord' }))).toMatchObject({
      status: 400,
      code: 'InvalidAction.NotFound',
    });
  });

  it('refuses a malformed date, a missing nonce, a body that is not the signed one', async () => {
    expect(await send(signed({ date: '2026-01-02 03:04:05' }))).toMatchObject({
      code: 'InvalidTimeStamp.Format',
    });
    expect(await send(signed({ nonce: '' }))).toMatchObject({ code: 'MissingSignatureNonce' });
    const tampered = await send(signed(), 'DomainName=other');
    expect(tampered).toMatchObject({ status: 400, code: 'IncompleteSignature' });
    expect(tampered.json).toMatchObject({ HostId: 'alidns.aliyuncs.com' });
    expect(String(tampered.json.Recommend)).toContain('q=IncompleteSignature&product=Alidns');
  });

  it('refuses a header swapped under the signature', async () => {
    const req = signed();
    req.headers['x-acs-action'] = 'AddDomainRecord';
    expect(await send(req)).toMatchObject({ code: 'IncompleteSignature' });
  });

  it('needs an STS key to present its own token', async () => {
    const { securityToken: _, ...bare } = STS_KEY;
    expect(await send(signed({ credentials: bare }))).toMatchObject({
      code: 'InvalidSecurityToken.MismatchWithAccessKey',
    });
    expect((await send(signed({ credentials: STS_KEY }))).status).toBe(200);
  });

  it('names missing parameters and values DNS cannot carry', async () => {
    const client = alidnsClient(emulator);
    expect(await failure(client.describeDomainRecords({ domainName: '' }))).toMatchObject({
      code: 'MissingDomainName',
    });
    expect(
      await failure(client.addDomainRecord({ domainName: ZONE, rr: 'ip', type: 'A', value: 'not-an-ip' })),
    ).toMatchObject({ code: 'InvalidParameter', status: 400 });
    expect(
      await failure(
        client.addDomainRecord({ domainName: ZONE, rr: 'mx', type: 'MX', value: 'mail.example.com' }),
      ),
    ).toMatchObject({ code: 'InvalidParameter' });
    await client.close();
  });
});
