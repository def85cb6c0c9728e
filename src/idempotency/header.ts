// The Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header): an RFC 8941 sf-string, or the
// bare token Stripe's clients send. Either way 1-255 visible ASCII characters.
export const IDEMPOTENCY_HEADER = 'idempotency-key';
const MAX_LENGTH = 255;

export type ParsedKey = { kind: 'none' } | { kind: 'key'; key: string } | { kind: 'invalid' };

export function parseIdempotencyKey(header: string | string[] | undefined): ParsedKey {
  if (header === undefined) return { kind: 'none' };
  if (Array.isArray(header)) return { kind: 'invalid' };
  const value = header.trim();
  const key = value.startsWith('"') ? sfString(value) : value;
  if (key === undefined || key.length < 1 || key.length > MAX_LENGTH) return { kind: 'invalid' };
  if (!/^[\x21-\x7e]+$/.test(key)) return { kind: 'invalid' };
  return { kind: 'key', key };
}

/** An sf-string's content, or undefined when it is not one (RFC 8941 §3.3.3: only \" and \\ escapes). */
function sfString(value: string): string | undefined {
  const match = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/.exec(value);
  return match?.[1]?.replace(/\\(["\\])/g, '$1');
}
