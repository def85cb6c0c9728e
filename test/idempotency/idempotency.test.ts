// Idempotency-Key over the real app, OSS emulator and store, on both engines: replay, conflicts, refusals
// that are not stored, the lease of a request whose process died, expiry, and sealed answers.
import { expect, it } from 'vitest';
import { IdempotencyRecords } from '../../src/idempotency/index.ts';
import type { OssInvoker } from '../../src/oss/index.ts';
import { testKey } from '../helpers/keys.ts';
import { type Stack, type StackOptions, startStack } from '../helpers/stack.ts';
import { describeEachEngine } from '../store/helpers/engines.ts';

const BUCKET = 'examplebucket';
const DOMAIN = 'shop.example.com';

describeEachEngine('Idempotency-Key', (engine) => {
  const withStack = async (options: StackOptions, run: (stack: Stack) => Promise<void>) => {
    const stack = await startStack({ ...options, store: await engine.freshStore() });
    try {
      await run(stack);
    } finally {
      await stack.close();
    }
  };
  const token = (
    stack: Stack,
    key: string,
    body: unknown = { domain: DOMAIN },
    headers = stack.admin.headers,
  ) =>
    stack.app.inject({
      method: 'POST',
      url: `/buckets/${BUCKET}/cname-tokens`,
      headers: { ...headers, 'idempotency-key': key },
      payload: body as object,
    });

  it('replays the stored answer with Idempotent-Replayed, without a second call to OSS', () =>
    withStack({}, async (stack) => {
      const first = await token(stack, 'k-1');
      expect(first.statusCode, first.body).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await token(stack, '"k-1"');
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(again.json()).toEqual(first.json());
      expect(stack.operations().filter((op) => op === 'CreateCnameToken')).toHaveLength(1);
    }));

  it('replays a bind with its Location and ETag; the binding changes once', () =>
    withStack({}, async (stack) => {
      const created = await token(stack, 'tok');
      await stack.publishToken(DOMAIN, created.json().token);
      const bind = () =>
        stack.app.inject({
          method: 'PUT',
          url: `/buckets/${BUCKET}/cnames/${DOMAIN}`,
          headers: { ...stack.admin.headers, 'idempotency-key': 'bind-1' },
          payload: { certificate: { certId: '1001-cn-hangzhou' } },
        });
      const first = await bind();
      expect(first.statusCode, first.body).toBe(201);
      const replay = await bind();
      expect(replay.statusCode).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.headers.location).toBe(first.headers.location);
      expect(replay.headers.etag).toBe(first.headers.etag);
      expect(stack.operations().filter((op) => op === 'PutCname')).toHaveLength(1);
    }));

  it('answers 422 idempotency-key-reused for the same key with another request', () =>
    withStack({}, async (stack) => {
      expect((await token(stack, 'k-2')).statusCode).toBe(201);
      const other = await token(stack, 'k-2', { domain: 'other.example.com' });
      expect(other.statusCode).toBe(422);
      expect(other.json().code).toBe('idempotency-key-reused');
      expect(stack.operations().filter((op) => op === 'CreateCnameToken')).toHaveLength(1);
    }));

  it('scopes keys to the API key: another key with the same Idempotency-Key runs its own request', async () => {
    const second = testKey('second');
    await withStack({ keys: [second] }, async (stack) => {
      expect((await token(stack, 'shared')).statusCode).toBe(201);
      const theirs = await token(stack, 'shared', { domain: 'their.example.com' }, second.headers);
      expect(theirs.statusCode).toBe(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    });
  });

  it('answers 400 invalid-idempotency-key for a malformed key, before anything runs', () =>
    withStack({}, async (stack) => {
      const res = await token(stack, 'has space');
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('invalid-idempotency-key');
      expect(stack.operations()).toEqual([]);
    }));

  it('does not store refusals before any effect: the client fixes the request and retries with the key', async () => {
    const narrow = testKey('narrow', { buckets: [BUCKET] });
    await withStack({ keys: [narrow] }, async (stack) => {
      const refused = await stack.app.inject({
        method: 'POST',
        url: '/buckets/siblingbucket/cname-tokens',
        headers: { ...narrow.headers, 'idempotency-key': 'fix-me' },
        payload: { domain: DOMAIN },
      });
      expect(refused.statusCode).toBe(403);
      const invalid = await token(stack, 'fix-me', { domain: 'not a domain' }, narrow.headers);
      expect(invalid.statusCode).toBe(400);
      const fixed = await token(stack, 'fix-me', { domain: DOMAIN }, narrow.headers);
      expect(fixed.statusCode, fixed.body).toBe(201);
    });
  });

  it('answers 409 idempotency-key-in-use with Retry-After while the first request runs', async () => {
    let release!: () => void;
    let entered!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const wrap = (client: OssInvoker): OssInvoker => ({
      async invoke(op, input, opts) {
        if (op.name === 'CreateCnameToken') {
          entered();
          await gate;
        }
        return client.invoke(op, input, opts);
      },
      close: () => client.close(),
    });
    await withStack({ wrap }, async (stack) => {
      const first = token(stack, 'slow');
      await inside;
      const concurrent = await token(stack, 'slow');
      expect(concurrent.statusCode).toBe(409);
      expect(concurrent.json().code).toBe('idempotency-key-in-use');
      expect(Number(concurrent.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      release();
      expect((await first).statusCode).toBe(201);
      const after = await token(stack, 'slow');
      expect(after.headers['idempotent-replayed']).toBe('true');
    });
  });

  it('keeps the stored answer sealed: the token is not in the database in clear', () =>
    withStack({}, async (stack) => {
      const res = await token(stack, 'sealed');
      const rows = await stack.app.store.query('SELECT * FROM idempotency_keys');
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(res.json().token);
    }));

  it('frees a key whose request stopped renewing its lease, and forgets keys after their TTL', async () => {
    let now = 1_000_000;
    const records = new IdempotencyRecords(await engine.freshStore(), {
      leaseMs: 2_000,
      ttlMs: 3_600_000,
      now: () => now,
    });
    const ref = { keyId: 'k', idempotencyKey: 'i' };
    const first = await records.claim(ref, 'fp');
    expect(first.kind).toBe('run');
    expect(await records.claim(ref, 'fp')).toEqual({ kind: 'in-use', retryAfterSeconds: 2 });
    // A running request renews its lease, so it keeps the key past the first lease.
    if (first.kind === 'run') await records.renew(ref, first.claim);
    now += 1_500;
    if (first.kind === 'run') await records.renew(ref, first.claim);
    now += 1_500;
    expect((await records.claim(ref, 'fp')).kind).toBe('in-use');
    now += 2_001;
    const retry = await records.claim(ref, 'fp');
    expect(retry.kind).toBe('run');
    // The first request's process is gone; were it to finish after all, it no longer owns the key.
    if (first.kind === 'run' && retry.kind === 'run') {
      await records.complete(ref, first.claim, 201, 'stale');
      expect((await records.claim(ref, 'fp')).kind).toBe('in-use');
      await records.complete(ref, retry.claim, 201, 'sealed');
    }
    expect(await records.claim(ref, 'fp')).toEqual({ kind: 'replay', sealed: 'sealed' });
    now += 3_600_000;
    expect(await records.prune()).toBe(1);
    expect((await records.claim(ref, 'other')).kind).toBe('run');
  });
});
