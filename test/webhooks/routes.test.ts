// The webhook routes through the real app: subscribe (the secret shown once), list, read, rotate (old and
// new both sign), deliveries and redeliver, delete; webhooks:manage and the bucket scope; SSRF refusals.
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';
import { domainEvent, publish } from './helpers/worker.ts';
import { startReceiver } from './receiver.ts';

const ops = testKey('ops', { buckets: ['web-*'] });
const reader = testKey('reader', { buckets: ['web-*'], actions: ['cname:read'] });
const narrow = testKey('narrow', { buckets: ['web-shop'] });

let t: TestApp;
let guarded: TestApp;
let r: Awaited<ReturnType<typeof startReceiver>>;
let status = 200;

beforeAll(async () => {
  r = await startReceiver((res) => res.writeHead(status).end());
  t = await startApp({
    keys: [ops, reader, narrow],
    env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' },
    deps: { webhooks: { pollMs: 20 } },
  });
  guarded = await startApp({ keys: [ops] });
});
afterAll(async () => {
  await t.app.close();
  await guarded.app.close();
  await r.close();
});

function send(app: TestApp, method: 'GET' | 'POST' | 'DELETE', url: string, key = ops, body?: unknown) {
  return app.app.inject({
    method,
    url,
    headers: body === undefined ? key.headers : { ...key.headers, 'content-type': 'application/json' },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function until<T>(what: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = await what();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const body = { url: '', events: ['domain.bound'], buckets: ['web-*'] };

describe('webhook routes', () => {
  it('subscribes, delivers signed events, rotates the secret, redelivers and deletes', async () => {
    const created = await send(t, 'POST', '/webhooks', ops, { ...body, url: r.url });
    expect(created.statusCode).toBe(201);
    const sub = created.json();
    expect(sub).toMatchObject({
      id: expect.stringMatching(/^wh_/),
      status: 'active',
      events: ['domain.bound'],
    });
    expect(sub.secret).toMatch(/^whsec_/);
    expect(created.headers.location).toBe(`/webhooks/${sub.id}`);
    const read = await send(t, 'GET', `/webhooks/${sub.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(sub.secret);
    expect((await send(t, 'GET', '/webhooks')).json().items.map((s: { id: string }) => s.id)).toContain(
      sub.id,
    );

    const [first] = await publish(t.app.store, [domainEvent('domain.bound', 'web-shop', 'a.example.com')]);
    const got = await until(() => r.received.find((x) => x.headers['webhook-id'] === first));
    expect(new Webhook(sub.secret).verify(got.body, got.headers as Record<string, string>)).toMatchObject({
      type: 'domain.bound',
    });

    const rotated = await send(t, 'POST', `/webhooks/${sub.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const { secret } = rotated.json();
    expect(secret).not.toBe(sub.secret);
    const [second] = await publish(t.app.store, [domainEvent('domain.bound', 'web-shop', 'b.example.com')]);
    const next = await until(() => r.received.find((x) => x.headers['webhook-id'] === second));
    for (const s of [sub.secret, secret]) {
      expect(new Webhook(s).verify(next.body, next.headers as Record<string, string>)).toBeTruthy();
    }

    // The receiver has the request before the worker records its answer: wait for the record.
    const list = await until(async () => {
      const page = await send(t, 'GET', `/webhooks/${sub.id}/deliveries?limit=1`);
      return page.json().items?.[0]?.state === 'delivered' ? page : undefined;
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toMatchObject([
      { id: second, state: 'delivered', attempts: 1, lastStatus: 200 },
    ]);
    const page2 = await send(
      t,
      'GET',
      `/webhooks/${sub.id}/deliveries?limit=1&cursor=${list.json().nextCursor}`,
    );
    expect(page2.json()).toMatchObject({ items: [{ id: first }], nextCursor: null });

    const before = r.received.length;
    const again = await send(t, 'POST', `/webhooks/${sub.id}/deliveries/${first}/redeliver`);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ id: first, state: 'pending' });
    const resent = await until(() => r.received.slice(before).find((x) => x.headers['webhook-id'] === first));
    expect(resent.body).toBe(got.body);
    const missing = await send(t, 'POST', `/webhooks/${sub.id}/deliveries/msg_nope/redeliver`);
    expect(missing.json().code).toBe('webhook-delivery-not-found');

    expect((await send(t, 'DELETE', `/webhooks/${sub.id}`)).statusCode).toBe(204);
    expect((await send(t, 'GET', `/webhooks/${sub.id}`)).json().code).toBe('webhook-not-found');
  });

  it('a 410 disables the subscription; its redelivery is refused', async () => {
    status = 410;
    try {
      const sub = (await send(t, 'POST', '/webhooks', ops, { ...body, url: `${r.url}?gone` })).json();
      const [id] = await publish(t.app.store, [domainEvent('domain.bound', 'web-shop', 'c.example.com')]);
      await until(async () => {
        const s = (await send(t, 'GET', `/webhooks/${sub.id}`)).json();
        return s.status === 'disabled' ? s : undefined;
      });
      const refused = await send(t, 'POST', `/webhooks/${sub.id}/deliveries/${id}/redeliver`);
      expect([refused.statusCode, refused.json().code]).toEqual([409, 'webhook-disabled']);
    } finally {
      status = 200;
    }
  });

  it('needs webhooks:manage, keeps globs within the key scope and hides others’ subscriptions', async () => {
    const denied = await send(t, 'POST', '/webhooks', reader, { ...body, url: r.url });
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'action-not-allowed']);
    const wide = await send(t, 'POST', '/webhooks', ops, { ...body, url: r.url, buckets: ['*'] });
    expect([wide.statusCode, wide.json().code]).toEqual([403, 'webhook-buckets-out-of-scope']);
    const sub = (await send(t, 'POST', '/webhooks', ops, { ...body, url: r.url })).json();
    expect((await send(t, 'GET', `/webhooks/${sub.id}`, narrow)).statusCode).toBe(404);
    const mine = (await send(t, 'GET', '/webhooks', narrow)).json().items;
    expect(mine.map((s: { id: string }) => s.id)).not.toContain(sub.id);
    expect((await send(t, 'DELETE', `/webhooks/${sub.id}`, narrow)).statusCode).toBe(404);
  });

  it('refuses private targets unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true, and bad URLs', async () => {
    for (const url of [
      'http://127.0.0.1:9/x',
      'http://localhost/x',
      'http://169.254.169.254/latest',
      'http://[::1]/',
    ]) {
      const res = await send(guarded, 'POST', '/webhooks', ops, { ...body, url });
      expect([res.statusCode, res.json().code], url).toEqual([422, 'webhook-target-forbidden']);
    }
    const creds = await send(guarded, 'POST', '/webhooks', ops, {
      ...body,
      url: 'https://u:p@hooks.example.com/',
    });
    expect(creds.json().code).toBe('invalid-webhook-url');
    const ok = await send(guarded, 'POST', '/webhooks', ops, { ...body, url: 'https://hooks.example.com/x' });
    expect(ok.statusCode).toBe(201);
  });
});
