// OSS as other parties see it: a client of our own for the emulator, to set up state the service did
// not make (a domain bound to another bucket or account), and a tripwire that counts what the emulator
// received, so "OSS was not asked" is proven at OSS, not only by the service's own record.

import type { Emulator, OperationName } from '../../src/emulator/index.ts';
import { createCnameToken, OssClient, putCname } from '../../src/oss/index.ts';
import type { Stack } from './stack.ts';

export function clientFor(stack: Stack, accessKeyId: string, accessKeySecret: string): OssClient {
  return new OssClient({
    endpoint: stack.emulator.url,
    region: 'cn-hangzhou',
    credentials: { accessKeyId, accessKeySecret },
    retry: { maxAttempts: 1 },
  });
}

/** Token, TXT record and PutCname, as another client of the account would do it. */
export async function bindDirectly(
  client: OssClient,
  stack: Stack,
  bucket: string,
  domain: string,
  region = 'cn-hangzhou',
): Promise<void> {
  const { token } = await client.invoke(createCnameToken, { bucket, domain }, { region });
  await stack.publishToken(domain, token);
  await client.invoke(putCname, { bucket, domain }, { region });
}

/**
 * Counts the requests of one operation the emulator received from now on: a zero-delay fault applied
 * after the operation, which changes nothing but counts its hits.
 */
export function tripwire(emulator: Emulator, op: OperationName): () => number {
  const fault = emulator.addFault({ op, kind: 'delay', delayMs: 0, when: 'after' });
  return () => emulator.state().faults.find((f) => f.id === fault.id)?.hits ?? 0;
}
