// The managed-domain tests' stack: the app on a real socket in front of the emulator, with a check
// schedule short enough to run through in a test, and small helpers to call it and read its outbox.
import type { AddressInfo } from 'node:net';
import { eventsOfDomain } from '../../src/events/index.ts';
import { type Stack, type StackOptions, startStack } from '../helpers/stack.ts';

export const FAST = {
  RECONCILE_POLL_MS: 50,
  RECONCILE_BASE_DELAY_MS: 100,
  RECONCILE_MAX_DELAY_MS: 200,
  RECONCILE_WATCH_INTERVAL_MS: 200,
  RECONCILE_LEASE_MS: 2_000,
};

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely, each test asserts what it needs
  body: any;
}

export interface DomainStack extends Stack {
  base: string;
  call(method: string, path: string, body?: unknown): Promise<Answer>;
  events(domain: string, bucket?: string): Promise<string[]>;
  publish(name: string, type: 'TXT' | 'CNAME', value: string): Promise<void>;
}

export async function startDomainStack(
  extra: Partial<typeof FAST> & Record<string, unknown> = {},
  options: StackOptions = {},
): Promise<DomainStack> {
  const stack = await startStack({ ...options, config: (c) => ({ ...c, ...FAST, ...extra }) });
  await stack.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(stack.app.server.address() as AddressInfo).port}`;
  return {
    ...stack,
    base,
    async call(method, path, body) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...stack.admin.headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text ? JSON.parse(text) : undefined,
      };
    },
    async events(domain, bucket = 'examplebucket') {
      const stored = await eventsOfDomain(stack.app.store, bucket, domain, 100);
      return stored.reverse().map((e) => e.type);
    },
    // Through the emulator's admin API, as the README's quickstart does it.
    async publish(name, type, value) {
      const response = await fetch(`${stack.emulator.url}/_emulator/dns/${name}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type, values: [value] }),
      });
      if (response.status !== 200) throw new Error(`publishing ${name} answered ${response.status}`);
    },
  };
}

/** Polls `probe` until it returns something, or fails after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
