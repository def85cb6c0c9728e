// The DNS pre-flight's input, options and report. The REST service runs it before binding a domain;
// every check says what was seen and the one thing to do about it.

import type { DnsServerAddress } from '../types.ts';
import type { LookupFailureObserver } from './lookup.ts';
import type { DnsLookupCache } from './lookup-cache.ts';

export interface PreflightInput {
  /** The custom domain to bind, e.g. img.example.com. */
  domain: string;
  /** The live CnameToken the TXT record must hold; undefined when none exists. */
  expectedToken: string | undefined;
  /** Where the domain's CNAME must point, e.g. examplebucket.oss-cn-hangzhou.aliyuncs.com. */
  cnameTarget: string;
  /** Custom domains bound elsewhere; a CNAME chain through one of them does not work with OSS. */
  otherCustomDomains?: string[];
  /** True when the domain is already bound to the bucket. */
  bound: boolean;
  /**
   * Managed certificates: also check the `_acme-challenge` delegation CNAME (pointing at this value,
   * `<label>.<ACME_DNS_ZONE>`) and conflicting TXT records there. Omitted: the report is unchanged.
   */
  acmeChallenge?: { cnameValue: string } | undefined;
}

export interface PreflightOptions {
  /** Recursive resolvers to ask (DNS_RESOLVERS); undefined or [] means the system's (node:dns getServers()). */
  resolvers?: DnsServerAddress[];
  /** Port the zone's name servers are asked on; default 53 (tests point it at the emulator). */
  authoritativePort?: number;
  /** Per query attempt, in milliseconds; default 2000. */
  timeoutMs?: number;
  /** Upper bound for caching one answer, in milliseconds; default 30 000 (record TTLs cap it further). */
  cacheTtlMs?: number;
  /** Clock for the cache, in milliseconds. */
  now?: () => number;
  /** Share a cache between runs; one is created per pre-flight otherwise. */
  cache?: DnsLookupCache;
  /** Told why each lookup failed (for logs; answers only say a server gave no answer). */
  onLookupFailure?: LookupFailureObserver | undefined;
  /** Awaited before each query is sent (a rate limit shared by its callers). */
  gate?: ((signal: AbortSignal) => Promise<void>) | undefined;
}

export type CheckStatus = 'pass' | 'fail' | 'pending';

/** Every check, in report order. */
export const PREFLIGHT_CHECK_IDS = [
  'ownership-txt',
  'txt-doubled-suffix',
  'cname-target',
  'cname-chain',
  'address-conflict',
] as const;

/** Checks of managed certificates' delegation, reported only when asked (PreflightInput.acmeChallenge). */
export const ACME_CHALLENGE_CHECK_IDS = ['acme-challenge-cname', 'acme-challenge-txt'] as const;

export type PreflightCheckId =
  | (typeof PREFLIGHT_CHECK_IDS)[number]
  | (typeof ACME_CHALLENGE_CHECK_IDS)[number];

// The report's shapes come from its API schema, so the wire form and the checks cannot drift apart.
export type { NameServer, PreflightCheck, PreflightReport } from '../../schemas/preflight.ts';
