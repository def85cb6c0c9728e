// The audit log over the real app, emulator and store, on both engines: what each write records, GET
// /audit's filters, scopes, order and cursor, retention, and the store-down behaviour of writes and reads.
import { expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/index.ts';
import { days } from '../../src/time/durations.ts';
import { testKey } from '../helpers/keys.ts';
import { type Stack, type StackOptions, startStack } from '../helpers/stack.ts';
import { describeEachEngine } from '../store/helpers/engines.ts';

const BUCKET = 'examplebucket';
const DOMAIN = 'shop.example.com';
/** An entry written straight to the log, for the tests of the log itself: each adds who and what. */
const ENTRY = {
  actorReason: null,
  requestId: null,
  method: null,
  route: null,
  status: null,
  bucket: BUCKET,
  domain: DOMAIN,
  outcome: 'success',
  ossRequestIds: [],
  certificateBefore: null,
  certificateAfter: null,
  idempotencyKey: null,
  dryRun: false,
};

describeEachEngine('audit log', (engine) => {
  const withStack = async (options: StackOptions, run: (stack: Stack) => Promise<void>) => {
    const stack = await startStack({ ...options, store: await engine.freshStore() });
    try {
      await run(stack);
    } finally {
      await stack.close();
    }
  };
  const audit = async (stack: Stack, query = '', headers = stack.admin.headers) => {
    const res = await stack.app.inject({ url: `/audit${query}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Array<Record<string, unknown>>; nextCursor: string | null };
  };

  it('records every write: success with OSS request ids and certificate, dry run, refusals with their code', () =>
    withStack({}, async (stack) => {
      const created = await stack.app.inject({
        method: 'POST',
        url: `/buckets/${BUCKET}/cname-tokens`,
        headers: { ...stack.admin.headers, 'idempotency-key': 'audit-1' },
        payload: { domain: DOMAIN },
      });
      await stack.publishToken(DOMAIN, created.json().token);
      await stack.app.inject({
        method: 'PUT',
        url: `/buckets/${BUCKET}/cnames/${DOMAIN}?dryRun=true`,
        headers: stack.admin.headers,
        payload: {},
      });
      const bound = await stack.app.inject({
        method: 'PUT',
        url: `/buckets/${BUCKET}/cnames/${DOMAIN}`,
        headers: stack.admin.headers,
        payload: { certificate: { certId: '1001-cn-hangzhou' } },
      });
      expect(bound.statusCode, bound.body).toBe(201);
      const rotated = await stack.app.inject({
        method: 'PUT',
        url: `/buckets/${BUCKET}/cnames/${DOMAIN}`,
        headers: stack.admin.headers,
        payload: { certificate: { certId: '1002-cn-hangzhou' }, force: true },
      });
      expect(rotated.statusCode, rotated.body).toBe(200);
      await stack.app.inject({
        method: 'DELETE',
        url: `/buckets/${BUCKET}/cnames/${DOMAIN}`,
        headers: { authorization: 'Bearer nope' },
      });
      await stack.app.inject({ url: `/buckets/${BUCKET}/cnames`, headers: stack.admin.headers });

      const { items } = await audit(stack);
      expect(items.map((e) => [e.action, e.outcome, e.dryRun])).toEqual([
        ['deleteBinding', 'invalid-api-key', false],
        ['putBinding', 'success', false],
        ['putBinding', 'success', false],
        ['putBinding', 'success', true],
        ['createCnameToken', 'success', false],
      ]);
      const [refused, rotation, bind, dry, token] = items;
      expect(rotation).toMatchObject({
        certificateBefore: { certId: '1001-cn-hangzhou' },
        certificateAfter: { certId: '1002-cn-hangzhou' },
      });
      expect(refused).toMatchObject({ actor: 'anonymous', bucket: BUCKET, domain: DOMAIN, status: 401 });
      expect(bind).toMatchObject({
        actor: 'admin',
        bucket: BUCKET,
        domain: DOMAIN,
        status: 201,
        requestId: bound.headers['x-request-id'],
        certificateBefore: null,
        certificateAfter: {
          certId: '1001-cn-hangzhou',
          fingerprint: 'AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:01',
        },
      });
      expect(((bind?.ossRequestIds ?? []) as string[]).length).toBeGreaterThan(0);
      expect(dry).toMatchObject({ certificateAfter: null, ossRequestIds: expect.any(Array) });
      expect(token).toMatchObject({ idempotencyKey: 'audit-1', status: 201 });
      expect(JSON.stringify(items)).not.toContain(created.json().token);
    }));

  it("needs audit:read, and shows only entries inside the key's bucket and domain scopes", async () => {
    const reader = testKey('reader', {
      buckets: [BUCKET],
      domains: ['*.example.com'],
      actions: ['audit:read'],
    });
    const writer = testKey('writer', { actions: ['cname:write', 'cname:read'] });
    await withStack({ keys: [reader, writer] }, async (stack) => {
      for (const [bucket, domain] of [
        [BUCKET, 'a.example.com'],
        ['siblingbucket', 'b.example.com'],
        [BUCKET, 'c.example.org'],
      ]) {
        await stack.app.inject({
          method: 'POST',
          url: `/buckets/${bucket}/cname-tokens`,
          headers: writer.headers,
          payload: { domain },
        });
      }
      const denied = await stack.app.inject({ url: '/audit', headers: writer.headers });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('action-not-allowed');
      expect((await stack.app.inject({ url: '/audit' })).statusCode).toBe(401);
      const seen = await audit(stack, '', reader.headers);
      expect(seen.items.map((e) => e.domain)).toEqual(['a.example.com']);
      expect((await audit(stack)).items).toHaveLength(3);
    });
  });

  it('filters, pages newest first with a signed cursor, and refuses a forged one', () =>
    withStack({}, async (stack) => {
      for (const domain of ['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com']) {
        await stack.app.inject({
          method: 'POST',
          url: `/buckets/${BUCKET}/cname-tokens`,
          headers: stack.admin.headers,
          payload: { domain },
        });
      }
      await stack.app.inject({
        method: 'POST',
        url: '/buckets/siblingbucket/cname-tokens?dryRun=true',
        headers: stack.admin.headers,
        payload: { domain: 'e.example.com' },
      });
      const first = await audit(stack, `?bucket=${BUCKET}&limit=3`);
      expect(first.items.map((e) => e.domain)).toEqual(['d.example.com', 'c.example.com', 'b.example.com']);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await audit(stack, `?bucket=${BUCKET}&limit=3&cursor=${first.nextCursor}`);
      expect(second.items.map((e) => e.domain)).toEqual(['a.example.com']);
      expect(second.nextCursor).toBeNull();
      // A cursor belongs to its filters and to the key that received it.
      const otherFilters = await stack.app.inject({
        url: `/audit?limit=3&cursor=${first.nextCursor}`,
        headers: stack.admin.headers,
      });
      expect(otherFilters.statusCode).toBe(400);
      expect(otherFilters.json().code).toBe('invalid-cursor');
      const forged = `${Buffer.from(JSON.stringify({ seq: 999, filters: '{}' })).toString('base64url')}.AAAA`;
      expect(
        (await stack.app.inject({ url: `/audit?cursor=${forged}`, headers: stack.admin.headers })).statusCode,
      ).toBe(400);
      expect((await audit(stack, '?bucket=siblingbucket')).items).toMatchObject([{ dryRun: true }]);
      expect(
        (await audit(stack, '?domain=c.example.com&action=createCnameToken&outcome=success')).items,
      ).toHaveLength(1);
      expect((await audit(stack, '?actor=someone-else')).items).toEqual([]);
      const future = new Date(Date.now() + 60_000).toISOString();
      expect((await audit(stack, `?since=${future}`)).items).toEqual([]);
      expect((await audit(stack, `?until=${future}`)).items).toHaveLength(5);
    }));

  it('prunes entries older than the retention', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const log = new AuditLog(await engine.freshStore(), () => now);
    await log.append({ ...ENTRY, actor: 'old', action: 'putBinding' });
    now += days(10);
    await log.appendSystem('certificate renewal', { ...ENTRY, action: 'putBinding' });
    expect(await log.prune(5)).toBe(1);
    const left = await log.list({ limit: 10 });
    expect(left.map((r) => [r.entry.actor, r.entry.actorReason])).toEqual([
      ['system', 'certificate renewal'],
    ]);
  });

  it("a change's certificateBefore is what the binding's last recorded change left, read by the insert", async () => {
    const log = new AuditLog(await engine.freshStore());
    const change = { ...ENTRY, actor: 'admin', method: 'PUT', status: 200, action: 'putBinding' };
    const first = { certId: '1001-cn-hangzhou', fingerprint: 'AA', validFrom: null, validUntil: null };
    const second = { ...first, certId: '1002-cn-hangzhou' };
    const before = async () => (await log.list({ limit: 1 }))[0]?.entry.certificateBefore;
    // No change of this binding recorded yet.
    await log.append({ ...change, certificateAfter: first }, { beforeFromLog: true });
    expect(await before()).toBeNull();
    // Neither a dry run, a refusal, another domain nor another action counts as its last change.
    await log.append({ ...change, dryRun: true, certificateAfter: second });
    await log.append({ ...change, outcome: 'precondition-failed', certificateAfter: second });
    await log.append({ ...change, domain: 'other.example.com', certificateAfter: second });
    await log.append({ ...change, action: 'createCnameToken', certificateAfter: second });
    await log.append({ ...change, certificateAfter: second }, { beforeFromLog: true });
    expect(await before()).toEqual(first);
    // Unbound: the last change left no certificate.
    await log.append({ ...change, action: 'deleteBinding' }, { beforeFromLog: true });
    expect(await before()).toEqual(second);
    await log.append({ ...change, certificateAfter: first }, { beforeFromLog: true });
    expect(await before()).toBeNull();
    // Without the option, the entry's own value is kept.
    await log.append({ ...change, certificateBefore: second });
    expect(await before()).toEqual(second);
  });

  it('with the store down: writes get 503 store-unavailable with Retry-After, reads of OSS still work', () =>
    withStack({}, async (stack) => {
      await stack.app.store.close();
      const write = await stack.app.inject({
        method: 'POST',
        url: `/buckets/${BUCKET}/cname-tokens`,
        headers: stack.admin.headers,
        payload: { domain: DOMAIN },
      });
      expect(write.statusCode).toBe(503);
      expect(write.headers['content-type']).toContain('application/problem+json');
      expect(write.json().code).toBe('store-unavailable');
      expect(write.headers['retry-after']).toBe('5');
      expect(stack.operations()).not.toContain('CreateCnameToken');
      const read = await stack.app.inject({ url: `/buckets/${BUCKET}/cnames`, headers: stack.admin.headers });
      expect(read.statusCode).toBe(200);
      const ready = await stack.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().code).toBe('store-unavailable');
    }));
});
