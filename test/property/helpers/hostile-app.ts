// The real app in front of a recording fake OSS for property tests: requests go through inject (no
// sockets), every call that reaches "OSS" is recorded with its input, and the DNS pre-flight asks a local
// DNS server that knows nothing, so no test input ever leaves the machine.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type DnsServer, startDnsServer } from '../../../src/emulator/dns/server.ts';
import { startApp, type TestApp } from '../../helpers/app.ts';
import { FakeOss } from '../../helpers/fake-oss.ts';
import { type TestKey, testKey } from '../../helpers/keys.ts';
import { FlakyOss, type RecordedCall } from '../../resilience/helpers/flaky-oss.ts';

export const BUCKET = 'web-site';
export const BOUND = 'www.example.com';
const MUTATING = new Set(['putCname', 'deleteCname', 'createCnameToken']);

/** Every problem code the README's error table and docs/api.md document (rows and codes named in prose). */
export const DOCUMENTED_CODES: ReadonlySet<string> = new Set(
  [
    ...['../../../README.md', '../../../docs/api.md']
      .map((doc) => readFileSync(new URL(doc, import.meta.url), 'utf8'))
      .join('\n')
      .matchAll(/`([a-z]+(?:-[a-z]+)+)`/g),
  ].map((m) => m[1] as string),
);

/** A host name as OSS stores it: lower-case ASCII labels, no trailing dot, 4-253 characters. */
const NORMALISED_HOST =
  /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface HostileApp {
  app: FastifyInstance;
  fake: FakeOss;
  oss: FlakyOss;
  key: TestKey;
  /** Brings OSS back to: the bucket with BOUND bound and a token for it; no calls recorded. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startHostileApp(): Promise<HostileApp> {
  const dns: DnsServer = await startDnsServer({ host: '127.0.0.1' });
  const key = testKey('everything');
  const fake = new FakeOss({ buckets: { 'web-site': 'cn-hangzhou' } });
  const oss = new FlakyOss(fake);
  const { port } = dns.address;
  const t: TestApp = await startApp({
    keys: [key],
    env: {
      RATE_LIMIT_MAX: '1000000',
      RATE_LIMIT_ANONYMOUS_MAX: '1000000',
      LOG_LEVEL: 'silent',
      DNS_RESOLVERS: `127.0.0.1:${port}`,
      DNS_AUTHORITATIVE_PORT: String(port),
      DNS_TIMEOUT_MS: '200',
    },
    oss: fake,
    wrap: () => oss,
    deps: { circuitBreaker: { failureThreshold: 1_000_000 } },
  });
  const reset = async () => {
    fake.bindings.clear();
    fake.tokens.clear();
    fake.tokens.set(`${BUCKET}/${BOUND}`, 'a'.repeat(32));
    await fake.putCname({ bucket: BUCKET, domain: BOUND });
    oss.calls.length = 0;
  };
  await reset();
  return {
    app: t.app,
    fake,
    oss,
    key,
    reset,
    async close() {
      await t.app.close();
      await dns.close();
    },
  };
}

/** What every answer must be, whatever was sent: no 5xx; errors are problem+json with a documented code. */
export function expectWellFormed(res: LightMyRequestResponse, sentRequestId?: string): void {
  expect(res.statusCode, res.body).toBeLessThan(500);
  const id = res.headers['x-request-id'];
  expect(typeof id === 'string' && SANE_REQUEST_ID.test(id), `x-request-id ${String(id)}`).toBe(true);
  if (sentRequestId !== undefined && !SANE_REQUEST_ID.test(sentRequestId)) expect(id).not.toBe(sentRequestId);
  if (res.statusCode < 400) return;
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json() as { code?: unknown; status?: unknown; type?: unknown; requestId?: unknown };
  expect(
    typeof problem.code === 'string' && DOCUMENTED_CODES.has(problem.code),
    `code ${String(problem.code)}`,
  ).toBe(true);
  expect(problem.status).toBe(res.statusCode);
  expect(problem.type).toBe(`urn:oss-cname-service:problem:${String(problem.code)}`);
  expect(problem.requestId).toBe(id);
}

/** Whatever reached OSS names a valid bucket and, when it names a domain, a valid normalised host name. */
export function expectSaneOssCalls(calls: readonly RecordedCall[]): void {
  for (const call of calls) {
    const input = (call.input ?? {}) as { bucket?: unknown; domain?: unknown };
    if (input.bucket !== undefined) expect(String(input.bucket)).toMatch(BUCKET_NAME);
    if (input.domain !== undefined) expect(String(input.domain)).toMatch(NORMALISED_HOST);
  }
}

export function mutatingCalls(calls: readonly RecordedCall[]): RecordedCall[] {
  return calls.filter((c) => MUTATING.has(c.op));
}
