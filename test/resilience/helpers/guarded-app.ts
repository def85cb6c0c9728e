// The real app in front of a scripted fake OSS, with a clock the test moves: for breaker tests that must
// count exactly which calls reached OSS, without sockets or waiting.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { CircuitBreakerOptions } from '../../../src/resilience/index.ts';
import { type LogCapture, startApp } from '../../helpers/app.ts';
import { FakeOss } from '../../helpers/fake-oss.ts';
import { type TestKey, testKey } from '../../helpers/keys.ts';
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
  const key = testKey('operator');
  const fake = new FakeOss({ buckets: { 'web-site': 'cn-hangzhou', 'far-site': 'ap-southeast-1' } });
  const oss = new FlakyOss(fake);
  const { app, logs } = await startApp({
    env: {
      RATE_LIMIT_MAX: '100000',
      RATE_LIMIT_ANONYMOUS_MAX: '100000',
      // Every read must reach OSS for the circuit to count it.
      CNAME_CACHE_MS: '0',
      ...env,
    },
    keys: [key],
    oss: fake,
    wrap: () => oss,
    deps: { clock: () => now, circuitBreaker: breaker },
  });
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
