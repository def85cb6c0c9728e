// Builds the real app for service tests: default configuration, in-memory keys, a fake OSS, and a log
// stream the test can read.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../../../src/app.ts';
import { type Config, loadConfig } from '../../../src/config.ts';
import type { TestKey } from '../../api/helpers/keys.ts';
import { FakeOss } from './fake-oss.ts';

export function testConfig(env: Record<string, string> = {}): Config {
  const result = loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env });
  if (!result.ok) throw new Error(`test configuration invalid: ${result.errors.join('; ')}`);
  return result.config;
}

// The same keys the API tests use: every scope unless narrowed.
export { testKey as makeKey } from '../../api/helpers/keys.ts';
export type { TestKey };

/** Captures every JSON log line the app writes. */
export class LogCapture {
  readonly stream = new PassThrough();
  readonly #chunks: string[] = [];

  constructor() {
    this.stream.on('data', (chunk) => this.#chunks.push(String(chunk)));
  }

  get text(): string {
    return this.#chunks.join('');
  }

  get lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  forRequest(requestId: string): Record<string, unknown>[] {
    return this.lines.filter((l) => l.requestId === requestId);
  }
}

export interface TestApp {
  app: FastifyInstance;
  oss: FakeOss;
  logs: LogCapture;
}

export async function startTestApp(
  options: {
    keys?: TestKey[];
    env?: Record<string, string>;
    deps?: AppDeps;
    /** A prepared fake; otherwise a fresh FakeOss fed with the app's observer. */
    oss?: FakeOss;
    /** Runs before app.ready(), e.g. to add an onRoute hook. */
    beforeReady?: (app: FastifyInstance) => void;
  } = {},
): Promise<TestApp> {
  const logs = new LogCapture();
  let oss: FakeOss | undefined = options.oss;
  const app = buildApp(testConfig(options.env), {
    oss: (observer) => {
      oss ??= new FakeOss({ observer });
      return oss;
    },
    logStream: logs.stream,
    apiKeys: (options.keys ?? []).map((k) => k.entry),
    ...options.deps,
  });
  options.beforeReady?.(app);
  await app.ready();
  if (!oss) throw new Error('the app did not create its OSS client');
  return { app, oss, logs };
}
