// What makes two requests "the same" for one Idempotency-Key: the method, the route, its path parameters,
// its query (a dry run is not the real run) and the body as canonical JSON (key order does not matter).
import { createHash } from 'node:crypto';

export interface FingerprintInput {
  method: string;
  route: string;
  params: unknown;
  query: unknown;
  body: unknown;
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function fingerprint(input: FingerprintInput): string {
  return createHash('sha256')
    .update(canonicalJson([input.method.toUpperCase(), input.route, input.params, input.query, input.body]))
    .digest('base64url');
}
