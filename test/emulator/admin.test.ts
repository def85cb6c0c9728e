// The admin API over HTTP: JSON in and out, clear 400s, and effects visible through real DNS queries
// and OSS requests.

import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryDns } from '../../src/dns/query.ts';
import type { Emulator } from '../../src/emulator/index.ts';
import { KEY_A, startEmulator } from './helpers/emulator.ts';
import { bind } from './helpers/lifecycle.ts';
import { closeOssClients, emulatorBucket, serviceError } from './helpers/oss.ts';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await closeOssClients();
  await emulator.close();
});
beforeEach(async () => {
  await emulator.reset();
});

async function admin(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown) {
  const res = await request(`${emulator.url}/_emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, json: JSON.parse(text) as Record<string, unknown> };
}

describe('admin API', () => {
  it('reports health', async () => {
    const answer = await admin('GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.json.status).toBe('ok');
  });

  it('publishes and deletes DNS records the emulator’s DNS server answers', async () => {
    const put = await admin('PUT', '/dns/_dnsauth.static.example.com', {
      type: 'TXT',
      values: ['abc'],
      ttl: 30,
    });
    expect(put.status).toBe(200);
    expect(put.json.records).toEqual([{ type: 'TXT', values: ['abc'], ttl: 30 }]);
    const answer = await queryDns('_dnsauth.static.example.com', 'TXT', { server: emulator.dns });
    expect(answer.answers.map((a) => a.data)).toEqual(['abc']);
    await admin('PUT', '/dns/static.example.com', {
      type: 'CNAME',
      values: ['examplebucket.oss-cn-hangzhou.aliyuncs.com'],
    });
    await admin('PUT', '/dns/v4.example.com', { type: 'A', values: ['192.0.2.1'] });
    await admin('PUT', '/dns/v6.example.com', { type: 'AAAA', values: ['2001:db8::1'] });
    const cname = await queryDns('static.example.com', 'CNAME', { server: emulator.dns });
    expect(cname.answers[0]?.data).toBe('examplebucket.oss-cn-hangzhou.aliyuncs.com');
    expect((await queryDns('v6.example.com', 'AAAA', { server: emulator.dns })).answers[0]?.data).toBe(
      '2001:db8::1',
    );

    expect((await admin('DELETE', '/dns/_dnsauth.static.example.com')).json).toEqual({ deleted: true });
    expect((await queryDns('_dnsauth.static.example.com', 'TXT', { server: emulator.dns })).answers).toEqual(
      [],
    );
    expect((await admin('DELETE', '/dns/v4.example.com?type=AAAA')).json).toEqual({ deleted: false });
  });

  it('sets the clock offset, which moves the Date OSS answers carry', async () => {
    const set = await admin('POST', '/clock', { offsetSeconds: -7200 });
    expect(set.status).toBe(200);
    expect(set.json.offsetSeconds).toBe(-7200);
    const answer = await serviceError(
      emulatorBucket(emulator.url, 'examplebucket', { credentials: KEY_A }).list(),
    );
    expect(answer.code).toBe('RequestTimeTooSkewed');
    expect(Date.now() - Date.parse(answer.headers.date ?? '')).toBeGreaterThan(7000_000);
  });

  it('adds, lists and clears faults', async () => {
    const added = await admin('POST', '/faults', { op: 'PutCname', kind: 'status', status: 503, count: 3 });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      op: 'PutCname',
      kind: 'status',
      status: 503,
      count: 3,
      when: 'before',
    });
    expect(((await admin('GET', '/faults')).json.faults as unknown[]).length).toBe(1);
    expect((await admin('DELETE', '/faults')).json).toEqual({ cleared: 1 });
  });

  it('resets to the seed', async () => {
    const ops = emulatorBucket(emulator.url, 'examplebucket', { credentials: KEY_A });
    await bind(emulator, ops, 'static.example.com');
    await admin('POST', '/faults', { op: '*', kind: 'delay', delayMs: 1 });
    expect((await admin('POST', '/reset')).json).toEqual({ reset: true });
    const state = (await admin('GET', '/state')).json;
    expect(state.tokens).toEqual([]);
    expect(state.bindings).toEqual([]);
    expect(state.dns).toEqual([]);
    expect(state.faults).toEqual([]);
    expect(state.clockOffsetSeconds).toBe(0);
  });

  it('shows tokens, bindings and DNS in the state, and no secrets', async () => {
    const ops = emulatorBucket(emulator.url, 'examplebucket', { credentials: KEY_A });
    await bind(emulator, ops, 'static.example.com');
    const answer = await admin('GET', '/state');
    const state = answer.json as {
      tokens: Array<{ domain: string; live: boolean }>;
      bindings: Array<{ domain: string; bucket: string; certificate: unknown }>;
      dns: Array<{ name: string }>;
    };
    expect(state.tokens).toMatchObject([{ domain: 'static.example.com', live: true }]);
    expect(state.bindings).toMatchObject([
      { domain: 'static.example.com', bucket: 'examplebucket', certificate: null },
    ]);
    expect(state.dns.map((e) => e.name)).toEqual(['_dnsauth.static.example.com']);
    expect(JSON.stringify(answer.json)).not.toContain(KEY_A.accessKeySecret);
  });
});

describe('admin API input errors', () => {
  it.each([
    ['bad JSON', 'PUT', '/dns/a.example.com', '{nope'],
    ['an unknown record type', 'PUT', '/dns/a.example.com', { type: 'MX', values: ['x'] }],
    ['no values', 'PUT', '/dns/a.example.com', { type: 'TXT', values: [] }],
    ['a bad address', 'PUT', '/dns/a.example.com', { type: 'A', values: ['300.1.1.1'] }],
    ['a bad name', 'PUT', '/dns/bad..name', { type: 'TXT', values: ['x'] }],
    ['a non-numeric offset', 'POST', '/clock', { offsetSeconds: 'soon' }],
    ['an unknown operation', 'POST', '/faults', { op: 'PutObject', kind: 'status', status: 503 }],
    ['count and rate together', 'POST', '/faults', { op: '*', kind: 'reset', count: 1, rate: 0.5 }],
    ['a status fault without status', 'POST', '/faults', { op: '*', kind: 'status' }],
    ['a success status', 'POST', '/faults', { op: '*', kind: 'status', status: 200 }],
    ['a delay without delayMs', 'POST', '/faults', { op: '*', kind: 'delay' }],
    ['an unknown field', 'POST', '/faults', { op: '*', kind: 'hang', forever: true }],
  ] as const)('answers 400 with a message for %s', async (_, method, path, body) => {
    const answer = await admin(method, path, body);
    expect(answer.status).toBe(400);
    expect(typeof answer.json.error).toBe('string');
    expect((answer.json.error as string).length).toBeGreaterThan(5);
  });

  it('answers 404 for unknown endpoints and 405 with Allow for wrong methods', async () => {
    expect((await admin('GET', '/nothing')).status).toBe(404);
    const wrong = await admin('DELETE', '/health');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET');
  });
});
