// Last line of defence for secrets in logs. Redaction paths catch known fields; this catches secrets
// that reach free text (an error message quoting a body, a header echoed by a library).
import { stdSerializers } from 'pino';
import { API_KEY_PREFIX } from '../auth/api-key.ts';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]{1,64})-----[\s\S]*?(?:-----END [A-Z0-9 ]{1,64}-----|$)/g;
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const API_KEY = new RegExp(`${API_KEY_PREFIX}[A-Za-z0-9_-]{8,}`, 'g');
/** OSS V4 and V1 Authorization values: the signature is what must not leak. */
const OSS_SIGNATURE = /\b(Signature=)[0-9a-f]{16,}|\b(OSS [A-Za-z0-9.]+:)[A-Za-z0-9+/=]{16,}/g;

export function scrubText(text: string): string {
  if (!mayHoldSecret(text)) return text;
  return text
    .replace(PEM_BLOCK, (_m, label: string) => `[REDACTED ${label.trim()}]`)
    .replace(AUTH_SCHEME, '$1 [REDACTED]')
    .replace(secretAssignment(), (_m, name: string, separator: string, quote: string) => {
      return `${name}${separator}${quote}[REDACTED]${quote}`;
    })
    .replace(API_KEY, `${API_KEY_PREFIX}[REDACTED]`)
    .replace(OSS_SIGNATURE, (_m, v4?: string, v1?: string) => `${v4 ?? v1 ?? ''}[REDACTED]`);
}

/** Cheap pre-check so ordinary log lines skip four regular expressions. */
function mayHoldSecret(text: string): boolean {
  return (
    text.includes('-----BEGIN') ||
    text.includes(API_KEY_PREFIX) ||
    /bearer|basic/i.test(text) ||
    secretAssignment().test(text) ||
    text.includes('Signature=') ||
    text.includes('OSS ')
  );
}

const MAX_DEPTH = 8;

/** Field names whose values are dropped wherever they appear (matched case-insensitively). */
export const SECRET_FIELDS = [
  'authorization',
  'x-api-key',
  'apiKey',
  'api_key',
  'privateKey',
  'private_key',
  'certificate',
  'token',
  'securityToken',
  'x-oss-security-token',
  'sessionToken',
  'accessKeySecret',
  'secret',
  'password',
  'cookie',
] as const;

const SECRET_FIELD_NAMES = new Set<string>(SECRET_FIELDS.map((f) => f.toLowerCase()));

export const REDACTED = '[REDACTED]';

/** Returns a scrubbed copy of a log object; errors become plain objects so their text is scrubbed too. */
export function scrubValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[Truncated]';
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (value instanceof Error) return scrubValue(stdSerializers.err(value), depth + 1, seen);
  if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1, seen));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_FIELD_NAMES.has(key.toLowerCase()) ? REDACTED : scrubValue(item, depth + 1, seen);
  }
  return out;
}

let assignment: RegExp | undefined;

/** `token: x`, `"privateKey":"x"`, `secret=x`: a secret field written into free text. */
function secretAssignment(): RegExp {
  if (!assignment) {
    const names = SECRET_FIELDS.map((f) => f.replace(/[-]/g, '\\-')).join('|');
    assignment = new RegExp(`((?:["']?)\\b(?:${names})(?:["']?))(\\s*[:=]\\s*)(["']?)[^"'\\s,;&}]+\\3`, 'gi');
  }
  assignment.lastIndex = 0;
  return assignment;
}
