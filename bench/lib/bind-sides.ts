import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { deleteCname } from '../../src/oss/index.ts';
import type { DirectCall } from './direct-calls.ts';
import { CYCLE_BUCKET, type EmulatorProcess, type ServiceProcess } from './stack.ts';

// The three sides of the bind-cost row, each one timed bind of `domain` undone untimed before it returns:
// the service's PUT (store, audit, Idempotency-Key), the minimal hop's PUT making the service's OSS calls,
// and those calls made directly in the bench process.

export type Bind = (domain: string) => Promise<number>;

/** The service reads the domain's token (GetCnameToken) and remembers it for the next PUT. */
export async function rememberToken(service: ServiceProcess, domain: string): Promise<void> {
  const res = await fetch(`${service.url}/buckets/${CYCLE_BUCKET}/cname-tokens/${domain}`, {
    headers: service.headers,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`token of ${domain} answered ${res.status}`);
}

/** A timed `PUT url` answered 201, with its JSON body. */
async function timedPut(url: string, headers: Record<string, string>, body: string): Promise<number> {
  const began = performance.now();
  const put = await fetch(url, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  const text = await put.text();
  const ms = performance.now() - began;
  if (put.status !== 201) throw new Error(`PUT ${url} answered ${put.status}: ${text}`);
  return ms;
}

const cnameUrl = (base: string, domain: string) => `${base}/buckets/${CYCLE_BUCKET}/cnames/${domain}`;

export function serviceBind(service: ServiceProcess): Bind {
  return async (domain) => {
    const url = cnameUrl(service.url, domain);
    const ms = await timedPut(url, { ...service.headers, 'idempotency-key': `"${randomUUID()}"` }, '{}');
    const del = await fetch(url, { method: 'DELETE', headers: service.headers });
    await del.arrayBuffer();
    if (del.status !== 204) throw new Error(`unbind ${domain} answered ${del.status}`);
    return ms;
  };
}

/** The minimal hop's PUT making `operations` (bench/children/minimal-hop.ts), undone directly at OSS. */
export function hopBind(hopUrl: string, emulator: EmulatorProcess, operations: readonly string[]): Bind {
  const body = JSON.stringify({ calls: operations });
  return async (domain) => {
    const ms = await timedPut(cnameUrl(hopUrl, domain), {}, body);
    await emulator.client.invoke(deleteCname, { bucket: CYCLE_BUCKET, domain });
    return ms;
  };
}

/** `calls` made directly by the bench's client, counted in `counter`. */
export function directBind(emulator: EmulatorProcess, calls: DirectCall[], counter: { calls: number }): Bind {
  return async (domain) => {
    const began = performance.now();
    for (const call of calls) {
      await call(emulator.client, domain);
      counter.calls++;
    }
    const ms = performance.now() - began;
    await emulator.client.invoke(deleteCname, { bucket: CYCLE_BUCKET, domain });
    return ms;
  };
}
