// The one way tests build the real app: test configuration, keys from the test, a log stream the test can
// read, every OSS attempt recorded, and OSS either faked in memory (the default) or the real client a test
// hands over (against the emulator). Stacks for a purpose (emulator, faults, breaker, hostile input) build
// on this, never on buildApp directly.
import { PassThrough, type Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { OssInvoker } from '../../src/oss/index.ts';
import type { OssAttemptEvent, OssObserver } from '../../src/oss/types.ts';
import { FakeOss } from './fake-oss.ts';
import type { TestKey } from './keys.ts';

export function testConfig(env: Record<string, string> = {}): Config {
  const result = loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env });
  if (!result.ok) throw new Error(`test configuration invalid: ${result.errors.join('; ')}`);
  return result.config;
}

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

type OssFactory<O extends OssInvoker> = (observer: OssObserver, config: Config) => O;

export interface AppOptions<O extends OssInvoker = FakeOss> {
  /** The environment the configuration is loaded from, over 127.0.0.1:0 and info logs. */
  env?: Record<string, string>;
  /** A configuration to use as it is, or a patch of the loaded one (e.g. to point OSS at an emulator). */
  config?: Config | ((config: Config) => Config);
  /** Keys the app accepts (default none). */
  keys?: TestKey[];
  /**
   * What the app reaches OSS with: a prepared FakeOss (it is handed the app's observer), or a factory given
   * the observer and the configuration (the real client). Default: a fresh FakeOss holding bucket web-site in cn-hangzhou.
   */
  oss?: O | OssFactory<O>;
  /** Wraps what the app talks to, e.g. to fail chosen calls or act between a read and a write. */
  wrap?: (oss: O) => OssInvoker;
  /** Where log lines go instead of the readable capture. */
  logStream?: Writable;
  /** Other dependencies: clock, store, circuit breaker, webhooks. */
  deps?: Omit<AppDeps, 'oss' | 'apiKeys' | 'logStream'>;
  /** Runs before app.ready(), e.g. to add an onRoute hook. */
  beforeReady?: (app: FastifyInstance) => void;
}

export interface TestApp<O extends OssInvoker = FakeOss> {
  app: FastifyInstance;
  config: Config;
  /** What the app reaches OSS with, before any `wrap`. */
  oss: O;
  logs: LogCapture;
  /** Every OSS attempt the app made, in order. */
  attempts: OssAttemptEvent[];
  operations(): string[];
}

export async function startApp<O extends OssInvoker = FakeOss>(
  options: AppOptions<O> = {},
): Promise<TestApp<O>> {
  const loaded = testConfig(options.env);
  const config = typeof options.config === 'function' ? options.config(loaded) : (options.config ?? loaded);
  const logs = new LogCapture();
  const attempts: OssAttemptEvent[] = [];
  let oss: O | undefined;
  const app = buildApp(config, {
    ...options.deps,
    oss: (appObserver) => {
      const observer: OssObserver = {
        onAttempt(event) {
          attempts.push(event);
          appObserver.onAttempt?.(event);
        },
      };
      const given = options.oss;
      if (given instanceof FakeOss) given.observe(observer);
      oss =
        given === undefined
          ? (new FakeOss({ observer, buckets: { 'web-site': 'cn-hangzhou' } }) as unknown as O)
          : typeof given === 'function'
            ? given(observer, config)
            : given;
      return options.wrap ? options.wrap(oss) : oss;
    },
    logStream: options.logStream ?? logs.stream,
    apiKeys: (options.keys ?? []).map((k) => k.entry),
  });
  options.beforeReady?.(app);
  await app.ready();
  if (!oss) throw new Error('the app did not create its OSS client');
  return { app, config, oss, logs, attempts, operations: () => attempts.map((a) => a.operation) };
}
