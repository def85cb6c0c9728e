// Verifies an Alidns request's ACS3-HMAC-SHA256 signature against the seed's keys, with the shared
// signer (src/alidns/signer.ts): key, STS token, date window, one-time nonce, body hash, and the
// signature over the headers the request says it signed.

import {
  canonicalRequest,
  parseAuthorization,
  sha256Hex,
  signature,
  stringToSign,
} from '../../alidns/signer.ts';
import { sameSignature } from '../auth/common.ts';
import type { EmulatorState, KeyOwner } from '../state/store.ts';
import type { OssRequest } from '../wire/request.ts';
import {
  accessKeyNotFound,
  badTimestamp,
  expiredTimestamp,
  incompleteSignature,
  missingNonce,
  nonceUsed,
  securityTokenMismatch,
} from './errors.ts';

/** Alidns, like every POP API, accepts requests dated within 15 minutes of its clock. */
const WINDOW_MS = 15 * 60 * 1000;
const ACS_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** Headers a signature must cover, or the action, date or nonce could be swapped under it. */
const MUST_SIGN = [
  'host',
  'x-acs-action',
  'x-acs-content-sha256',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-version',
];

/** Nonces seen inside the date window; older ones are dropped since their dates no longer pass. */
export class NonceCache {
  readonly #seen = new Map<string, number>();

  /** False when the nonce was used already. */
  claim(nonce: string, now: number): boolean {
    for (const [seen, at] of this.#seen) {
      if (now - at <= 2 * WINDOW_MS) break;
      this.#seen.delete(seen);
    }
    if (this.#seen.has(nonce)) return false;
    this.#seen.set(nonce, now);
    return true;
  }
}

function checkDate(value: string | undefined, now: number): void {
  if (value === undefined || !ACS_DATE.test(value)) throw badTimestamp();
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw badTimestamp();
  if (Math.abs(now - at) > WINDOW_MS) throw expiredTimestamp();
}

function checkToken(owner: KeyOwner, presented: string | undefined): void {
  const token = presented === '' ? undefined : presented;
  if (token !== owner.key.securityToken) throw securityTokenMismatch();
}

export function verifyAlidnsRequest(
  state: EmulatorState,
  nonces: NonceCache,
  req: OssRequest,
  now: number,
): KeyOwner {
  const header = req.headers.get('authorization');
  const auth = header === undefined ? undefined : parseAuthorization(header);
  if (!auth) throw incompleteSignature();
  const owner = state.keyOwner(auth.accessKeyId);
  if (!owner) throw accessKeyNotFound();
  checkToken(owner, req.headers.get('x-acs-security-token'));
  checkDate(req.headers.get('x-acs-date'), now);
  if (MUST_SIGN.some((name) => !auth.signedHeaders.includes(name))) throw incompleteSignature();
  const payloadHash = sha256Hex(req.body);
  if (req.headers.get('x-acs-content-sha256') !== payloadHash) throw incompleteSignature();
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) headers[name] = req.headers.get(name) ?? '';
  const toSign = stringToSign(
    canonicalRequest({
      method: req.method,
      path: req.path,
      query: req.query,
      headers,
      signedHeaders: auth.signedHeaders,
      payloadHash,
    }),
  );
  if (!sameSignature(signature(owner.key.secret, toSign), auth.signature)) {
    // Alidns shows its string to sign: a hash of the canonical request, nothing secret.
    throw incompleteSignature(toSign.replace('\n', ' '));
  }
  const nonce = req.headers.get('x-acs-signature-nonce');
  if (nonce === undefined || nonce === '') throw missingNonce();
  // Claimed only once the signature holds, so a forged request cannot burn a real client's nonce.
  if (!nonces.claim(nonce, now)) throw nonceUsed();
  return owner;
}
