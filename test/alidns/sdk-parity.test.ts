// Our signed Alidns requests equal, byte for byte, what the official @alicloud/alidns20150109 package
// sends for the same inputs: both are captured by one 127.0.0.1 server, with the date, nonce and
// User-Agent fixed on both sides (the SDK takes them through its public extendsParameters headers).

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Alidns, * as $Alidns from '@alicloud/alidns20150109';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlidnsClient } from '../../src/alidns/index.ts';

interface Captured {
  method: string;
  url: string;
  /** Raw header lines in order, names as written. */
  headers: string[];
  body: string;
}

const DATE = '2026-01-02T03:04:05Z';
const NONCE = '3f2a9c0d5e6b47a8b1c2d3e4f5a6b7c8';
const UA = 'AlibabaCloud (linux; x64) Node.js/v24 Core/1.0.1 TeaDSL/2';

let captured: Captured[] = [];
let reply: unknown = {};
const server = createServer((req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const headers: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    captured.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers,
      body: Buffer.concat(chunks).toString(),
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply));
  });
});
let endpoint = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// CommonJS with `exports.default = Client`: Node's loader hands back module.exports, vitest's interop
// may unwrap it once already; accept both.
const SdkClient = ((Alidns as unknown as { default?: unknown }).default ?? Alidns) as typeof Alidns.default;

interface Key {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

// A credential object that names no provider, so the SDK adds no `x-acs-credentials-provider`
// telemetry header (it does for its own `accessKeyId` config); everything signed is then comparable.
function sdkClient(key: Key) {
  const credential = {
    getCredential: async () => ({ ...key, type: key.securityToken ? 'sts' : 'access_key' }),
  };
  const config = new $OpenApiUtil.Config({ endpoint, protocol: 'http', credential: credential as never });
  return new SdkClient(config);
}

function sdkRuntime() {
  return new $dara.RuntimeOptions({
    extendsParameters: new $dara.ExtendsParameters({
      headers: { 'x-acs-date': DATE, 'x-acs-signature-nonce': NONCE, 'user-agent': UA },
    }),
  });
}

function ours(key: Key) {
  return new AlidnsClient({
    endpoint: `http://${endpoint}`,
    credentials: key,
    userAgent: UA,
    now: () => Date.parse(DATE),
    nonce: () => NONCE,
  });
}

const KEY: Key = { accessKeyId: 'LTAI5tParityKey', accessKeySecret: 'parity-secret' };
const STS: Key = {
  accessKeyId: 'STS.parity',
  accessKeySecret: 'sts-secret',
  securityToken: 'token/with+odd=chars',
};

async function capture(call: () => Promise<unknown>): Promise<Captured> {
  captured = [];
  await call();
  expect(captured).toHaveLength(1);
  return captured[0] as Captured;
}

// HTTP/1.1 framing the HTTP library writes (Node's http for the SDK, undici for us), not the SDK: undici
// writes them lower-case and puts `connection` right after host, and refuses to be told otherwise.
const FRAMING = new Set(['connection', 'content-length']);
const nameOf = (line: string) => line.slice(0, line.indexOf(':')).toLowerCase();

/** Method, URL, body and every header line byte for byte; the framing headers by value. */
function expectSame(mine: Captured, sdk: Captured): void {
  const strip = (c: Captured) => ({ ...c, headers: c.headers.filter((h) => !FRAMING.has(nameOf(h))) });
  expect(strip(mine)).toEqual(strip(sdk));
  const framing = (c: Captured) =>
    c.headers
      .filter((h) => FRAMING.has(nameOf(h)))
      .map((h) => `${nameOf(h)}:${h.slice(h.indexOf(':') + 1)}`)
      .sort();
  expect(framing(mine)).toEqual(framing(sdk));
}

describe.each([
  ['an AccessKey pair', KEY],
  ['STS credentials', STS],
])('with %s', (_label, key) => {
  it('AddDomainRecord, with characters that need encoding', async () => {
    reply = { RequestId: 'R', RecordId: '1234567890123456789' };
    const input = {
      domainName: 'acme.example.net',
      rr: "_acme-challenge.a b*!'()~",
      type: 'TXT',
      value: 'k+v/w=é ~*',
      ttl: 600,
    };
    const sdk = await capture(() =>
      sdkClient(key).addDomainRecordWithOptions(
        new $Alidns.AddDomainRecordRequest({
          domainName: input.domainName,
          RR: input.rr,
          type: input.type,
          value: input.value,
          TTL: input.ttl,
        }),
        sdkRuntime(),
      ),
    );
    const client = ours(key);
    let id = '';
    const mine = await capture(async () => {
      id = await client.addDomainRecord(input);
    });
    await client.close();
    expect(id).toBe('1234567890123456789');
    expectSame(mine, sdk);
    expect(sdk.headers.some((h) => h.startsWith('Authorization: ACS3-HMAC-SHA256 Credential='))).toBe(true);
  });

  it('DeleteDomainRecord', async () => {
    reply = { RequestId: 'R', RecordId: '42' };
    const sdk = await capture(() =>
      sdkClient(key).deleteDomainRecordWithOptions(
        new $Alidns.DeleteDomainRecordRequest({ recordId: '42' }),
        sdkRuntime(),
      ),
    );
    const client = ours(key);
    const mine = await capture(() => client.deleteDomainRecord('42'));
    await client.close();
    expectSame(mine, sdk);
  });

  it('DescribeDomainRecords with filters and paging', async () => {
    reply = { RequestId: 'R', TotalCount: 0, PageNumber: 2, PageSize: 50, DomainRecords: { Record: [] } };
    const sdk = await capture(() =>
      sdkClient(key).describeDomainRecordsWithOptions(
        new $Alidns.DescribeDomainRecordsRequest({
          domainName: 'acme.example.net',
          RRKeyWord: '_acme',
          type: 'TXT',
          pageNumber: 2,
          pageSize: 50,
        }),
        sdkRuntime(),
      ),
    );
    const client = ours(key);
    const mine = await capture(() =>
      client.describeDomainRecords({
        domainName: 'acme.example.net',
        rrKeyWord: '_acme',
        type: 'TXT',
        pageNumber: 2,
        pageSize: 50,
      }),
    );
    await client.close();
    expectSame(mine, sdk);
  });
});
