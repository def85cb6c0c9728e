// The real app in front of a scripted fake OSS, with a clock the test moves: for breaker tests that must
// count exactly which calls reached OSS, without sockets or waiting.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../src/app.ts';
import type { CircuitBreakerOptions } from '../../../src/resilience/index.ts';
import { LogCapture, makeKey, type TestKey, testConfig } from '../../service/helpers/app.ts';
import { FakeOss } from '../../service/helpers/fake-oss.ts';
import { FlakyOss } from './flaky-oss.ts';

export interface GuardedApp {
  app: FastifyInstance;
  fake: FakeOss;
  oss: FlakyOss;
  logs: LogCapture;
  key: TestKey;
  advance(ms: number): void;
  get(url: string): Promise<LightMyRequestResponse>;
  metric(name: string): Promise<number | undefined>;
}

export async function startGuardedApp(
  breaker: CircuitBreakerOptions = {},
  env: Record<string, string> = {},
): Promise<GuardedApp> {
  let now = Date.parse('2026-11-24T12:00:00Z');
  const key = makeKey('operator');
  const logs = new LogCapture();
  let fake: FakeOss | undefined;
  let oss: FlakyOss | undefined;
  const app = buildApp(
    testConfig({
      RATE_LIMIT_MAX: '100000',
      RATE_LIMIT_ANONYMOUS_MAX: '100000',
      // Every read must reach OSS for the circuit to count it.
      CNAME_CACHE_MS: '0',
      ...env,
    }),
    {
      oss: (observer) => {
        fake = new FakeOss({
          observer,
          buckets: { 'web-site': 'cn-hangzhou', 'far-site': 'ap-southeast-1' },
        });
        oss = new FlakyOss(fake);
        return oss;
      },
      logStream: logs.stream,
      apiKeys: [key.entry],
      clock: () => now,
      circuitBreaker: breaker,
    },
  );
  await app.ready();
  if (!fake || !oss) throw new Error('the app did not create its OSS client');
  return {
    app,
    fake,
    oss,
    logs,
    key,
    advance: (ms) => {
      now += ms;
    },
    get: (url) => app.inject({ url, headers: { authorization: `Bearer ${key.key}` } }),
    async metric(sample) {
      const text = (await app.inject({ url: '/metrics' })).body;
      const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
      return line === undefined ? undefined : Number(line.slice(sample.length + 1));
    },
  };
}
