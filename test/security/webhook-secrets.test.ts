// Webhook secrets (the sibling of secrets.test.ts, kept apart to keep each file short): a secret appears
// in the answer that creates or rotates it and nowhere else: not in the store (subscriptions, deliveries,
// the Idempotency-Key replay copy, the audit log), not in any log line at trace level, not in any other
// answer. What receivers get is a signature, never the secret.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import { testKey } from '../helpers/keys.ts';
import { domainEvent, publish } from '../webhooks/helpers/worker.ts';
import { startReceiver } from '../webhooks/receiver.ts';

const ops = testKey('ops');
let t: TestApp;
let r: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  r = await startReceiver((res) => res.writeHead(200).end());
  t = await startApp({
    keys: [ops],
    env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', LOG_LEVEL: 'trace' },
    deps: { webhooks: { pollMs: 20 } },
  });
});
afterAll(async () => {
  await t.app.close();
  await r.close();
});

const call = (method: 'GET' | 'POST', url: string, body?: unknown, key?: string) =>
  t.app.inject({
    method,
    url,
    headers: {
      ...ops.headers,
      ...(key === undefined ? {} : { 'idempotency-key': key }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });

it('keeps webhook secrets out of the store, the logs and every other answer', async () => {
  const created = await call(
    'POST',
    '/webhooks',
    { url: r.url, events: ['domain.bound'], buckets: ['*'] },
    'create-1',
  );
  expect(created.statusCode).toBe(201);
  const { id, secret } = created.json();
  const rotated = await call('POST', `/webhooks/${id}/rotate-secret`, undefined, 'rotate-1');
  const second = rotated.json().secret as string;
  await publish(t.app.store, [domainEvent('domain.bound', 'web', 'a.example.com')]);
  const deadline = Date.now() + 10_000;
  while (r.received.length === 0 && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 20));
  expect(r.received).toHaveLength(1);
  // The replayed answer of a retried create still shows the secret: the caller may have lost the first.
  const replay = await call(
    'POST',
    '/webhooks',
    { url: r.url, events: ['domain.bound'], buckets: ['*'] },
    'create-1',
  );
  expect(replay.json().secret).toBe(secret);

  const others = [
    await call('GET', '/webhooks'),
    await call('GET', `/webhooks/${id}`),
    await call('GET', `/webhooks/${id}/deliveries`),
    await call('GET', '/audit?limit=500'),
  ];
  const rows = await Promise.all(
    ['webhook_subscriptions', 'webhook_deliveries', 'idempotency_keys', 'audit_log'].map((table) =>
      t.app.store.query(`SELECT * FROM ${table}`),
    ),
  );
  const places = {
    store: JSON.stringify(rows),
    logs: t.logs.text,
    answers: others.map((o) => `${JSON.stringify(o.headers)}${o.body}`).join('\n'),
    receiver: JSON.stringify(r.received),
  };
  expect(rows[0]).toHaveLength(1);
  expect(t.logs.text).toContain('webhook delivered');
  for (const s of [secret, second]) {
    // The secret and its HMAC key part (what `whsec_` prefixes).
    for (const fragment of [s, s.slice('whsec_'.length)]) {
      for (const [where, text] of Object.entries(places)) {
        expect(text.includes(fragment), `${where} holds ${fragment.slice(0, 10)}…`).toBe(false);
      }
    }
  }
});
