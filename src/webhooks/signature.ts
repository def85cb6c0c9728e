// Standard Webhooks signing (standardwebhooks.com): HMAC-SHA256 over `${id}.${timestamp}.${body}`,
// sent as `v1,<base64>`, one entry per signing secret, space-separated.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { secretKey } from './secret.ts';

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'content-type': 'application/json';
}

/** Headers of one delivery attempt; `id` stays the same across retries, the timestamp is the attempt's. */
export function signedHeaders(secrets: string[], id: string, at: Date, body: string): SignedHeaders {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => sign(s, id, timestamp, body)).join(' '),
    'content-type': 'application/json',
  };
}

/** Checks a signature header against one secret, as a receiver would (used by our own tests and tools). */
export function verify(secret: string, headers: SignedHeaders, body: string): boolean {
  const expected = Buffer.from(
    sign(secret, headers['webhook-id'], Number(headers['webhook-timestamp']), body),
  );
  return headers['webhook-signature'].split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
