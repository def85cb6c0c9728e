// Standard Webhooks (standardwebhooks.com) verification: a delivery is genuine when one of the
// `v1,<base64>` signatures in `webhook-signature` is HMAC-SHA256, keyed with the decoded `whsec_`
// secret, of `<webhook-id>.<webhook-timestamp>.<raw body>`, and its timestamp is recent (which bounds
// replays). Several secrets are accepted so a secret can be rotated without dropping deliveries.
import { createHmac, timingSafeEqual } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
/** The spec's suggested window: five minutes either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export type WebhookFailure =
  | 'missing-headers'
  | 'invalid-timestamp'
  | 'timestamp-too-old'
  | 'timestamp-too-new'
  | 'no-matching-signature';

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  /** Why the delivery was refused. */
  readonly reason: WebhookFailure;
  constructor(reason: WebhookFailure, message: string) {
    super(message);
    this.reason = reason;
  }
}

export interface VerifyOptions {
  /** Seconds a timestamp may differ from now; default 300. */
  toleranceSeconds?: number;
  /** The current time, for tests; default `Date.now()`. */
  now?: Date;
}

export interface VerifiedWebhook<T = unknown> {
  id: string;
  timestamp: Date;
  /** The body parsed as JSON. */
  payload: T;
}

/**
 * Verifies a delivery and returns its parsed body; throws WebhookVerificationError otherwise.
 * `body` must be the raw body exactly as received (re-serialized JSON will not match).
 */
export function verifyWebhook<T = unknown>(
  secrets: string | readonly string[],
  headers: WebhookHeaders,
  body: string | Uint8Array,
  options: VerifyOptions = {},
): VerifiedWebhook<T> {
  const id = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestampText || !signatures) {
    throw new WebhookVerificationError(
      'missing-headers',
      'webhook-id, webhook-timestamp and webhook-signature are required',
    );
  }
  const timestamp = checkTimestamp(timestampText, options);
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const expected = (Array.isArray(secrets) ? secrets : [secrets]).map((secret) =>
    sign(decodeSecret(secret), id, timestampText, text),
  );
  const offered = signatures
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));
  // Every pair is compared, so the time taken does not say which secret or signature came close.
  let matched = false;
  for (const mine of expected) {
    for (const theirs of offered) {
      if (theirs.length === mine.length && timingSafeEqual(theirs, mine)) matched = true;
    }
  }
  if (!matched) throw new WebhookVerificationError('no-matching-signature', 'no signature matches');
  return { id, timestamp: new Date(timestamp * 1000), payload: JSON.parse(text) as T };
}

/** The `webhook-signature` value for a delivery: what a sender (or a receiver's test) computes. */
export function signWebhook(secret: string, id: string, timestamp: Date | number, body: string): string {
  const seconds = typeof timestamp === 'number' ? timestamp : Math.floor(timestamp.getTime() / 1000);
  return `v1,${sign(decodeSecret(secret), id, String(seconds), body).toString('base64')}`;
}

function sign(key: Buffer, id: string, timestamp: string, body: string): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
}

/** `whsec_` + base64 of the key; a secret without the prefix is taken as the base64 key itself. */
function decodeSecret(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new TypeError('the webhook secret is empty or not base64');
  return key;
}

function checkTimestamp(text: string, options: VerifyOptions): number {
  if (!/^\d{1,12}$/.test(text)) {
    throw new WebhookVerificationError('invalid-timestamp', 'webhook-timestamp is not a number of seconds');
  }
  const timestamp = Number(text);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (timestamp < now - tolerance) {
    throw new WebhookVerificationError('timestamp-too-old', 'webhook-timestamp is too old');
  }
  if (timestamp > now + tolerance) {
    throw new WebhookVerificationError('timestamp-too-new', 'webhook-timestamp is in the future');
  }
  return timestamp;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const value =
    record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1] ?? undefined;
  return Array.isArray(value) ? value[0] : value;
}
