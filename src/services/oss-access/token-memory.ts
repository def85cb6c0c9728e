// Ownership tokens OSS handed this process (CreateCnameToken, GetCnameToken), kept until they expire, so a
// bind's pre-flight knows the value to compare the TXT record with without asking OSS again. Sound because
// OSS never changes a token while it is valid: creating it again hands back the same one (protocol §2.2).
// Whatever could make a remembered token wrong (it expired early, the domain was bound or unbound) is met
// by its users: only a pre-flight that passes rests on it; a refusal reads the live token first.
import type { CnameToken } from '../../oss/index.ts';

export interface TokenMemoryOptions {
  /** Tokens remembered; the oldest is forgotten first. */
  maxEntries?: number | undefined;
  /** Forgotten this long before OSS's expiry, so clock skew never makes an expired token look valid. */
  marginMs?: number | undefined;
  now?: (() => number) | undefined;
}

export class TokenMemory {
  readonly #tokens = new Map<string, { token: CnameToken; until: number }>();
  readonly #maxEntries: number;
  readonly #marginMs: number;
  readonly #now: () => number;

  constructor(options: TokenMemoryOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#marginMs = options.marginMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** The token of `domain` on `bucket` OSS last handed out, while it is still valid. */
  recall(bucket: string, domain: string): CnameToken | undefined {
    const key = keyOf(bucket, domain);
    const entry = this.#tokens.get(key);
    if (entry === undefined) return undefined;
    if (this.#now() < entry.until) return entry.token;
    this.#tokens.delete(key);
    return undefined;
  }

  /** A token OSS just answered; one without a readable expiry is not kept. */
  learn(bucket: string, domain: string, token: CnameToken): void {
    const expiresAt = token.expireTime.iso === undefined ? Number.NaN : Date.parse(token.expireTime.iso);
    if (!Number.isFinite(expiresAt)) return;
    const key = keyOf(bucket, domain);
    this.#tokens.delete(key);
    this.#tokens.set(key, { token, until: expiresAt - this.#marginMs });
    if (this.#tokens.size > this.#maxEntries) {
      const oldest = this.#tokens.keys().next().value;
      if (oldest !== undefined) this.#tokens.delete(oldest);
    }
  }

  forget(bucket: string, domain: string): void {
    this.#tokens.delete(keyOf(bucket, domain));
  }
}

function keyOf(bucket: string, domain: string): string {
  return `${bucket}/${domain.toLowerCase()}`;
}
