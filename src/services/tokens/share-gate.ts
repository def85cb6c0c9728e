// One API key's share of a bucket's live ownership tokens (TOKENS_PER_KEY_PER_BUCKET): OSS keeps 1,000
// per bucket for every tenant together, 72 h each, so without a share one key could lock the others out
// for three days (issue 19, F7). Counted in the durable state, so replicas and restarts agree.
import { problem } from '../../errors/index.ts';
import type { ShareRef, TokenShares } from '../../store/index.ts';
import { hours } from '../../time/durations.ts';
import type { BucketOss } from '../oss-access/index.ts';

/** How long OSS keeps a token: the claim's expiry until OSS's own answer settles it. */
const TOKEN_LIFE_MS = hours(72);

export interface ShareGateOptions {
  shares: TokenShares;
  perKey: number;
  now?: (() => number) | undefined;
}

export class ShareGate {
  readonly #shares: TokenShares;
  readonly #perKey: number;
  readonly #now: () => number;

  constructor(options: ShareGateOptions) {
    this.#shares = options.shares;
    this.#perKey = options.perKey;
    this.#now = options.now ?? Date.now;
  }

  /** Counts a new token of `ref` against its key, or throws 429 token-share-exceeded. */
  async claim(oss: BucketOss, ref: ShareRef): Promise<void> {
    const now = this.#now();
    let claim = await this.#shares.claim(ref, this.#perKey, now, now + TOKEN_LIFE_MS);
    if (!claim.ok) {
      // Domains bound since (by anyone, anywhere) no longer need their token: read the bucket once.
      const bound = (await oss.bindings(ref.domain)).map((info) => info.domain);
      if ((await this.#shares.release(ref.bucket, bound)) > 0) {
        claim = await this.#shares.claim(ref, this.#perKey, now, now + TOKEN_LIFE_MS);
      }
    }
    if (!claim.ok) throw this.#refusal(ref, claim.oldestExpiresAt, now);
  }

  /** Throws what claim() would, changing nothing (dry runs). */
  async check(ref: ShareRef): Promise<void> {
    const now = this.#now();
    const claim = await this.#shares.peek(ref, this.#perKey, now);
    if (!claim.ok) throw this.#refusal(ref, claim.oldestExpiresAt, now);
  }

  /** OSS created the token: count it until OSS's expiry. */
  async settle(ref: ShareRef, expiresAtIso: string | undefined): Promise<void> {
    const expiresAt = expiresAtIso === undefined ? Number.NaN : Date.parse(expiresAtIso);
    if (Number.isFinite(expiresAt)) await this.#shares.settle(ref, expiresAt);
  }

  /** The domain's token no longer counts: it was never created, or the domain got bound or unbound. */
  async release(bucket: string, domain: string): Promise<void> {
    await this.#shares.release(bucket, [domain]);
  }

  #refusal(ref: ShareRef, oldestExpiresAt: number, now: number) {
    const seconds = Math.max(1, Math.ceil((oldestExpiresAt - now) / 1000));
    return problem(
      'token-share-exceeded',
      `This API key holds ${this.#perKey} live ownership tokens on bucket ${ref.bucket}, its share (TOKENS_PER_KEY_PER_BUCKET) of the bucket's 1000; bind or give up some of those domains, or retry when its oldest token expires in ${seconds} s.`,
      {
        headers: { 'retry-after': String(seconds) },
        extensions: { bucket: ref.bucket, limit: this.#perKey },
      },
    );
  }
}
