// Checks every signature version shares: key lookup, the ±15 minute window, STS tokens, and the
// constant-time comparison of signatures.

import { timingSafeEqual } from 'node:crypto';
import type { LowerHeaders, QueryPairs } from '../../oss/signer/index.ts';
import type { SeedAccessKey, SeedAccount } from '../seed/schema.ts';
import type { EmulatorState, KeyOwner } from '../state/store.ts';
import {
  invalidAccessKeyId,
  invalidSecurityToken,
  MAX_SKEW_MS,
  requestTimeTooSkewed,
  securityTokenNotMatch,
} from './errors.ts';

/** What every signature version is verified against. */
export interface SignedRequest {
  method: string;
  bucket: string | undefined;
  /** Object key ('' for bucket operations); part of the canonical URI and resource. */
  key: string;
  query: QueryPairs;
  headers: LowerHeaders;
  /** When the request arrived (epoch ms); the signature's date and expiry are judged against it. */
  now: number;
}

export interface Requester {
  account: SeedAccount;
  key: SeedAccessKey;
  version: 'v1' | 'v4';
  /** The region a V4 signature was scoped to. */
  scopeRegion: string | undefined;
}

export function lookupKey(state: EmulatorState, accessKeyId: string): KeyOwner {
  const owner = state.keyOwner(accessKeyId);
  if (!owner) throw invalidAccessKeyId(accessKeyId);
  return owner;
}

export function checkSkew(requestTime: number, now: number): void {
  if (Math.abs(now - requestTime) > MAX_SKEW_MS) throw requestTimeTooSkewed(requestTime, now);
}

/**
 * An STS key needs its own token; a token that belongs to another key is a mismatch, anything else is
 * invalid. A permanent key must not present a token at all.
 */
export function checkSecurityToken(
  state: EmulatorState,
  key: SeedAccessKey,
  presented: string | undefined,
): void {
  const token = presented === '' ? undefined : presented;
  if (token === key.securityToken) return;
  if (token !== undefined && state.keyWithToken(token) !== undefined) throw securityTokenNotMatch(key.id);
  throw invalidSecurityToken();
}

export function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && timingSafeEqual(a, b);
}
