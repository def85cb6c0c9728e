// GET …/cnames answered from a recent ListCname: concurrent reads share one call (counted at the
// emulator), the service's own writes show at once, Age says how old, If-Match still reads OSS itself,
// and CNAME_CACHE_MS=0 sends every read to OSS.
import { afterEach, describe, expect, it } from 'vitest';
import { deleteCname } from '../../src/oss/index.ts';
import { bindDirectly, clientFor, tripwire } from '../helpers/direct-oss.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const BUCKET = 'examplebucket';
let stack: Stack;
afterEach(() => stack.close());

async function start(cacheMs?: number): Promise<Stack> {
  stack = await startStack({
    config: (c) => (cacheMs === undefined ? c : { ...c, CNAME_CACHE_MS: cacheMs }),
  });
  return stack;
}

async function bind(domain: string) {
  await stack.verify(domain, BUCKET);
  const res = await stack.app.inject({
    method: 'PUT',
    url: `/buckets/${BUCKET}/cnames/${domain}`,
    headers: stack.admin.headers,
    payload: {},
  });
  expect(res.statusCode).toBe(201);
}

const get = (path = '') =>
  stack.app.inject({ method: 'GET', url: `/buckets/${BUCKET}/cnames${path}`, headers: stack.admin.headers });
const domainsOf = (res: { json(): { items: { domain: string }[] } }) => res.json().items.map((b) => b.domain);

describe('GET /buckets/:bucket/cnames with CNAME_CACHE_MS', () => {
  it('lets concurrent list and single-binding reads share one ListCname', async () => {
    await start();
    await bind('a.example.com');
    // Held back so every read below arrives while the first call is still in flight; the fault's hits
    // count the calls the emulator received.
    const delay = stack.emulator.addFault({ op: 'ListCname', kind: 'delay', delayMs: 150 });
    const listCnames = () => stack.emulator.state().faults.find((f) => f.id === delay.id)?.hits;
    const reads = await Promise.all([
      ...Array.from({ length: 12 }, () => get()),
      ...Array.from({ length: 4 }, () => get('/a.example.com')),
    ]);
    expect(reads.map((r) => r.statusCode)).toEqual(Array(16).fill(200));
    expect(listCnames()).toBe(1);
    for (const res of reads.slice(0, 12)) expect(domainsOf(res)).toEqual(['a.example.com']);
  });

  it('shows the service’s own binds and unbinds at once', async () => {
    await start(60_000);
    await bind('a.example.com');
    expect(domainsOf(await get())).toEqual(['a.example.com']);
    await bind('b.example.com');
    expect(domainsOf(await get())).toEqual(['a.example.com', 'b.example.com']);
    const del = await stack.app.inject({
      method: 'DELETE',
      url: `/buckets/${BUCKET}/cnames/a.example.com`,
      headers: stack.admin.headers,
    });
    expect(del.statusCode).toBe(204);
    expect(domainsOf(await get())).toEqual(['b.example.com']);
    expect((await get('/a.example.com')).statusCode).toBe(404);
  });

  it('says its age in whole seconds, never above CNAME_CACHE_MS', async () => {
    await start(2_000);
    await bind('a.example.com');
    const listCnames = tripwire(stack.emulator, 'ListCname');
    for (const res of [await get(), await get(), await get('/a.example.com')]) {
      expect(res.headers.age).toMatch(/^\d+$/);
      expect(Number(res.headers.age)).toBeLessThanOrEqual(2);
    }
    expect(listCnames()).toBe(1);
  });

  it('checks If-Match against OSS itself, not against a recent listing', async () => {
    await start(60_000);
    await bind('a.example.com');
    const etag = (await get('/a.example.com')).headers.etag as string;
    // Another client of the account unbinds it; this process cannot know.
    const other = clientFor(stack, 'LTAI5tServiceKey', 'service-secret');
    await other.invoke(deleteCname, { bucket: BUCKET, domain: 'a.example.com' }, { region: 'cn-hangzhou' });
    await other.close();
    expect((await get('/a.example.com')).statusCode).toBe(200);
    const res = await stack.app.inject({
      method: 'DELETE',
      url: `/buckets/${BUCKET}/cnames/a.example.com`,
      headers: { ...stack.admin.headers, 'if-match': etag },
    });
    expect(res.statusCode).toBe(412);
  });

  it('sends every read to OSS when CNAME_CACHE_MS=0', async () => {
    await start(0);
    await bind('a.example.com');
    const listCnames = tripwire(stack.emulator, 'ListCname');
    await get();
    await get('/a.example.com');
    await Promise.all([get(), get(), get()]);
    expect(listCnames()).toBe(5);
    // A change made outside the service shows on the very next read.
    const other = clientFor(stack, 'LTAI5tServiceKey', 'service-secret');
    await bindDirectly(other, stack, BUCKET, 'b.example.com');
    await other.close();
    expect(domainsOf(await get())).toEqual(['a.example.com', 'b.example.com']);
    expect((await get()).headers.age).toBe('0');
  });
});
