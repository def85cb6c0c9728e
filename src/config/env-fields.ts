// Small zod builders for environment variables. Every builder carries its own one-line message, so a
// start-up error names the variable and what it should hold, never a zod internals dump.
import { isIP } from 'node:net';
import { z } from 'zod';

/** Fastify's trustProxy: off, on, a hop count, or trusted addresses/CIDRs. */
export type TrustProxy = boolean | number | string[];

export interface DnsResolver {
  host: string;
  port: number;
}

/**
 * A setting's documentation, kept with its schema: the README's settings table is generated from it. The
 * default shown is the one the schema gives an unset variable, unless `shownDefault` says it better.
 */
export function setting<T extends z.ZodType>(schema: T, description: string, shownDefault?: string): T {
  return schema.meta(shownDefault === undefined ? { description } : { description, shownDefault });
}

/** Deployment tools often render an unset variable as ''; treat it as unset. */
function unsetIfEmpty(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

export function optionalText() {
  return z.preprocess(unsetIfEmpty, z.string().trim().optional());
}

/** A secret the operator chooses: unset, or long enough not to be guessed. */
export function secretText(minLength: number) {
  return optionalText().refine((v) => v === undefined || v.length >= minLength, {
    error: `must be at least ${minLength} characters`,
  });
}

export function text(fallback: string) {
  return z.preprocess(unsetIfEmpty, z.string().trim().optional()).transform((v) => v ?? fallback);
}

export function integer(fallback: number, min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .preprocess(
      unsetIfEmpty,
      z
        .string({ error: message })
        .trim()
        .regex(/^\d+$/, { error: message })
        .transform(Number)
        .pipe(z.number().int().min(min, { error: message }).max(max, { error: message }))
        .optional(),
    )
    .transform((v) => v ?? fallback);
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export function flag(fallback: boolean) {
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .toLowerCase()
      .refine((v) => TRUE.has(v) || FALSE.has(v), { error: 'must be true or false' })
      .transform((v) => TRUE.has(v))
      .optional()
      .transform((v) => v ?? fallback),
  );
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z
    .preprocess((v) => {
      const set = unsetIfEmpty(v);
      return typeof set === 'string' ? set.trim().toLowerCase() : set;
    }, z.enum(values, { error: `must be one of ${values.join(', ')}` }).optional())
    .transform((v): T[number] => v ?? fallback);
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** CORS origins: scheme://host[:port], no path, or [] for none. */
export function originList() {
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform(splitList)
      .refine((list) => list.every(isOrigin), {
        error: 'must be a comma-separated list of origins such as https://console.example.com',
      })
      .optional()
      .transform((v) => v ?? []),
  );
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

/** `host[:port]` entries; IPv6 literals in brackets when they carry a port (`[::1]:53`). */
export function resolverList() {
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((value, ctx) => {
        const out: DnsResolver[] = [];
        for (const entry of splitList(value)) {
          const resolver = parseResolver(entry);
          if (!resolver) {
            ctx.addIssue({
              code: 'custom',
              message: `"${entry}" is not an IP address with an optional port (10.0.0.2, 10.0.0.2:53, [fd00::2]:53)`,
            });
            return z.NEVER;
          }
          out.push(resolver);
        }
        return out;
      })
      .optional()
      .transform((v) => v ?? []),
  );
}

export function parseResolver(entry: string): DnsResolver | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(entry);
  const host = bracketed?.[1] ?? (isIP(entry) === 6 ? entry : plain?.[1]);
  const portText = bracketed ? bracketed[2] : isIP(entry) === 6 ? undefined : plain?.[2];
  if (host === undefined || isIP(host) === 0) return undefined;
  const port = portText === undefined ? 53 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { host, port };
}

/** true/false, a hop count, or a comma-separated list of trusted addresses/CIDRs. */
export function trustProxy() {
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .transform((value, ctx): TrustProxy => {
        const lower = value.toLowerCase();
        if (TRUE.has(lower)) return true;
        if (FALSE.has(lower)) return false;
        if (/^\d+$/.test(value)) return Number(value);
        const list = splitList(value);
        if (list.every((e) => isIP(e.split('/')[0] ?? '') !== 0)) return list;
        ctx.addIssue({
          code: 'custom',
          message: 'must be true, false, a hop count, or a comma-separated list of addresses/CIDRs',
        });
        return z.NEVER;
      })
      .optional()
      .transform((v) => v ?? false),
  );
}

const REGION = /^(oss-)?[a-z0-9]+(-[a-z0-9]+)*$/;

/** A region id; the `oss-` prefix some consoles show is dropped. */
export function region() {
  return text('cn-hangzhou')
    .refine((v) => REGION.test(v), { error: 'must be a region id such as cn-hangzhou' })
    .transform((v) => (v.startsWith('oss-') ? v.slice(4) : v));
}

export function endpoint() {
  return optionalText().refine((v) => v === undefined || isEndpoint(v), {
    error: 'must be a host or an http(s) URL without a path, e.g. oss-cn-hangzhou.aliyuncs.com',
  });
}

function isEndpoint(value: string): boolean {
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(value) ? value : `https://${value}`);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === '/' && !url.search;
  } catch {
    return false;
  }
}

export function url() {
  return optionalText().refine((v) => v === undefined || /^https?:\/\/[^/\s]+(\/\S*)?$/i.test(v), {
    error: 'must be an http(s) URL',
  });
}

export const CREDENTIALS_PROVIDERS = ['static', 'env', 'ecs-ram-role', 'alicloud'] as const;

/** Unset stays undefined: `static` then means "emulator mode unless a key pair is set". */
export function credentialsProvider() {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined),
    z.enum(CREDENTIALS_PROVIDERS, { error: `must be one of ${CREDENTIALS_PROVIDERS.join(', ')}` }).optional(),
  );
}
