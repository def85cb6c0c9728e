// Scope patterns of an API key. Buckets: globs where `*` stands for any run of characters (`web-*`).
// Domains: an exact name, `*.example.com` for every sub-domain at any depth (NOT the apex example.com,
// as in DNS and TLS wildcards: list the apex separately when the key may bind it), or `*` for all.
import { domainToASCII } from 'node:url';

const BUCKET_GLOB = /^[a-z0-9*-]{1,63}$/;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;

export type PatternCheck = { ok: true; pattern: string } | { ok: false; reason: string };

export function checkBucketPattern(raw: string): PatternCheck {
  const pattern = raw.trim();
  if (!BUCKET_GLOB.test(pattern)) {
    return { ok: false, reason: `bucket pattern "${raw}" may hold only a-z, 0-9, - and *` };
  }
  return { ok: true, pattern };
}

export function checkDomainPattern(raw: string): PatternCheck {
  const trimmed = raw.trim().toLowerCase().replace(/\.$/, '');
  if (trimmed === '*') return { ok: true, pattern: '*' };
  const wildcard = trimmed.startsWith('*.');
  const base = wildcard ? trimmed.slice(2) : trimmed;
  const ascii = base.includes('*') ? '' : domainToASCII(base);
  if (ascii === '' || !ascii.includes('.') || !ascii.split('.').every((l) => LABEL.test(l))) {
    return {
      ok: false,
      reason: `domain pattern "${raw}" must be a domain name, "*.<domain>" or "*"`,
    };
  }
  return { ok: true, pattern: wildcard ? `*.${ascii}` : ascii };
}

/** Compiles bucket globs once, at key-file load, into one anchored expression. */
export function compileBucketGlobs(patterns: readonly string[]): RegExp {
  const alternatives = patterns.map((p) => p.split('*').map(escapeRegExp).join('.*'));
  return alternatives.length === 0 ? /(?!)/ : new RegExp(`^(?:${alternatives.join('|')})$`);
}

/** `domain` must already be normalised (lower-case ASCII, no trailing dot), as the routes do. */
export function domainMatches(patterns: readonly string[], domain: string): boolean {
  const name = domain.toLowerCase().replace(/\.$/, '');
  for (const pattern of patterns) {
    if (pattern === '*') return true;
    if (pattern.startsWith('*.')) {
      if (name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1) return true;
    } else if (name === pattern) {
      return true;
    }
  }
  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
