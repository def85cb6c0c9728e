// No secret in a span: attributes go through the same rules as log lines. A key named like a secret
// (authorization, privateKey, token, …) is dropped, and string values are scrubbed of PEM blocks, bearer
// credentials, API keys and OSS signatures wherever they appear.
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { SECRET_FIELDS, scrubText } from '../logging/scrub.ts';

const SECRET_KEY_PARTS = SECRET_FIELDS.map((field) => field.toLowerCase().replace(/[-_]/g, ''));

// Keys are written in our code, so there are few of them; splitting and comparing each on every span was
// most of a span's sanitizing. The cap only guards against a caller ever passing keys made from data.
const knownKeys = new Map<string, boolean>();
const MAX_KNOWN_KEYS = 1024;

/** Whether an attribute key names a secret: any dotted part equal to a secret field, `http.request.header.authorization` included. */
export function isSecretKey(key: string): boolean {
  const known = knownKeys.get(key);
  if (known !== undefined) return known;
  const secret = key
    .toLowerCase()
    .split('.')
    .some((part) => SECRET_KEY_PARTS.includes(part.replace(/[-_]/g, '')));
  if (knownKeys.size < MAX_KNOWN_KEYS) knownKeys.set(key, secret);
  return secret;
}

function sanitizeValue(value: AttributeValue): AttributeValue {
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) {
    return value.map((item) => (typeof item === 'string' ? scrubText(item) : item)) as AttributeValue;
  }
  return value;
}

/** A copy without secret-named keys, undefined values, or secrets inside strings. */
export function sanitizeAttributes(attributes: Record<string, AttributeValue | undefined>): Attributes {
  const clean: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || isSecretKey(key)) continue;
    clean[key] = sanitizeValue(value);
  }
  return clean;
}
