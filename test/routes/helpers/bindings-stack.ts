// One stack (buildApp → OssClient → emulator) per bindings-*.test.ts file, and the calls those tests make.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { TestKey } from '../../helpers/keys.ts';
import { type Stack, startStack } from '../../helpers/stack.ts';

/** Set by useBindingStack's beforeAll; importers see the current value (an ES module live binding). */
export let stack: Stack;

/** Starts the file's stack with these extra keys, and resets the emulator before each test. */
export function useBindingStack(keys: TestKey[] = []): void {
  beforeAll(async () => {
    stack = await startStack({ keys });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.emulator.reset());
}

export const url = (domain: string, bucket = 'examplebucket') => `/buckets/${bucket}/cnames/${domain}`;

export function put(domain: string, body?: unknown, headers: Record<string, string> = {}) {
  return stack.app.inject({
    method: 'PUT',
    url: url(domain),
    headers: { ...stack.admin.headers, ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

/** Creates the token and publishes its TXT record, as a caller would. */
export async function verified(domain: string, bucket = 'examplebucket'): Promise<string> {
  const res = await stack.app.inject({
    method: 'POST',
    url: `/buckets/${bucket}/cname-tokens`,
    headers: stack.admin.headers,
    payload: { domain },
  });
  const { token } = res.json();
  await stack.publishToken(domain, token);
  return token;
}

export const putCnames = () => stack.operations().filter((op) => op === 'PutCname').length;
