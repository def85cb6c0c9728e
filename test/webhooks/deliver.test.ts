// Delivery attempts against real receivers on 127.0.0.1; signatures checked by `standardwebhooks`.
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { guardedLookup } from '../../src/webhooks/guarded-agent.ts';
import { createWebhookAgent, deliver, envelopeBody, generateSecret } from '../../src/webhooks/index.ts';
import { startReceiver } from './receiver.ts';

const open = createWebhookAgent({ allowPrivateNetworks: true, timeoutMs: 5_000 });
const guarded = createWebhookAgent({ allowPrivateNetworks: false, timeoutMs: 5_000 });
afterAll(async () => {
  await open.close();
  await guarded.close();
});

const secret = generateSecret();
const body = envelopeBody('domain.bound', new Date(), { domain: 'shop.example.com', status: 'bound' });
const attempt = (url: string, id = 'msg_a') => ({ url, id, body, secrets: [secret] });

describe('deliver', () => {
  it('posts the signed envelope; a 2xx is delivered', async () => {
    const r = await startReceiver((res) => res.writeHead(204).end());
    try {
      const result = await deliver(attempt(r.url), { dispatcher: open });
      expect(result).toMatchObject({ verdict: 'delivered', status: 204, error: null });
      const [got] = r.received;
      expect(got?.body).toBe(body);
      expect(got?.headers['content-type']).toBe('application/json');
      const headers = got?.headers as Record<string, string>;
      expect(new Webhook(secret).verify(got?.body ?? '', headers)).toMatchObject({ type: 'domain.bound' });
    } finally {
      await r.close();
    }
  });

  it('keeps webhook-id across retries and signs each attempt afresh', async () => {
    const r = await startReceiver((res, n) => res.writeHead(n === 1 ? 503 : 200).end('ok'));
    try {
      const first = await deliver(attempt(r.url, 'msg_same'), { dispatcher: open });
      const second = await deliver(attempt(r.url, 'msg_same'), { dispatcher: open });
      expect([first.verdict, second.verdict]).toEqual(['retry', 'delivered']);
      expect(r.received.map((x) => x.headers['webhook-id'])).toEqual(['msg_same', 'msg_same']);
      expect(second.responseExcerpt).toBe('ok');
    } finally {
      await r.close();
    }
  });

  it('410 disables the subscription; 429 is retried with its Retry-After', async () => {
    const r = await startReceiver((res, n) =>
      n === 1 ? res.writeHead(410).end() : res.writeHead(429, { 'retry-after': '30' }).end(),
    );
    try {
      expect((await deliver(attempt(r.url), { dispatcher: open })).verdict).toBe('disable');
      expect(await deliver(attempt(r.url), { dispatcher: open })).toMatchObject({
        verdict: 'retry',
        status: 429,
        retryAfterMs: 30_000,
      });
    } finally {
      await r.close();
    }
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const target = await startReceiver((res) => res.writeHead(200).end());
    const r = await startReceiver((res) => res.writeHead(307, { location: target.url }).end());
    try {
      expect(await deliver(attempt(r.url), { dispatcher: open })).toMatchObject({
        verdict: 'retry',
        status: 307,
      });
      expect(target.received).toHaveLength(0);
    } finally {
      await r.close();
      await target.close();
    }
  });

  it('gives up an attempt at the timeout', async () => {
    const r = await startReceiver(() => {});
    try {
      const result = await deliver(attempt(r.url), { dispatcher: open, timeoutMs: 300 });
      expect(result).toMatchObject({ verdict: 'retry', status: null, error: { code: 'webhook-timeout' } });
      expect(result.durationMs).toBeLessThan(5_000);
    } finally {
      await r.close();
    }
  });

  it('a receiver that is down is retried; once up, it gets the same message', async () => {
    const r = await startReceiver((res) => res.writeHead(200).end());
    const url = r.url;
    await r.close();
    const down = await deliver(attempt(url, 'msg_down'), { dispatcher: open });
    expect(down).toMatchObject({ verdict: 'retry', status: null, error: { code: 'webhook-unreachable' } });
    const up = await startReceiver((res) => res.writeHead(200).end());
    try {
      expect((await deliver(attempt(up.url, 'msg_down'), { dispatcher: open })).verdict).toBe('delivered');
      expect(up.received[0]?.headers['webhook-id']).toBe('msg_down');
    } finally {
      await up.close();
    }
  });
});

describe('SSRF protection at connect time', () => {
  it('refuses a loopback literal and a name resolving to loopback, and nothing reaches the receiver', async () => {
    const r = await startReceiver((res) => res.writeHead(200).end());
    try {
      for (const url of [r.url, `http://localhost:${r.port}/hook`]) {
        const result = await deliver(attempt(url), { dispatcher: guarded });
        expect(result, url).toMatchObject({
          verdict: 'retry',
          status: null,
          error: { code: 'webhook-target-forbidden' },
        });
      }
      expect(r.received).toHaveLength(0);
    } finally {
      await r.close();
    }
  });

  it('refuses IPv6 loopback and cloud metadata literals before connecting', async () => {
    for (const url of [
      'http://[::1]:9/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://100.100.100.200/latest/meta-data',
    ]) {
      const result = await deliver(attempt(url), { dispatcher: guarded, timeoutMs: 2_000 });
      expect(result.error?.code, url).toBe('webhook-target-forbidden');
    }
  });

  it('checks every address the lookup returns, in both lookup forms', async () => {
    const one = await new Promise<Error | null>((resolve) =>
      guardedLookup('localhost', {}, (e) => resolve(e)),
    );
    expect((one as { code?: string } | null)?.code).toBe('webhook-target-forbidden');
    const all = await new Promise<Error | null>((resolve) =>
      guardedLookup('localhost', { all: true }, (e) => resolve(e)),
    );
    expect((all as { code?: string } | null)?.code).toBe('webhook-target-forbidden');
  });
});
