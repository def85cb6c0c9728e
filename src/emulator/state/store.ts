// The emulator's state: the seed's accounts, keys and buckets (fixed) and the tokens and bindings the
// CNAME operations create. `version` increases on every mutation so callers know when to persist.

import type { Seed, SeedAccessKey, SeedAccount, SeedBucket, SeedCasCertificate } from '../seed/schema.ts';
import type { BindingRecord, DynamicState, TokenRecord } from './model.ts';

export interface KeyOwner {
  account: SeedAccount;
  key: SeedAccessKey;
}

function tokenKey(bucket: string, domain: string): string {
  return `${bucket}\n${domain}`;
}

export class EmulatorState {
  readonly seed: Seed;
  readonly #keys = new Map<string, KeyOwner>();
  readonly #accounts = new Map<string, SeedAccount>();
  readonly #buckets = new Map<string, SeedBucket>();
  readonly #cas = new Map<string, SeedCasCertificate>();
  /** Latest token per (bucket, domain), expired ones included: ownership checks may use them. */
  #tokens = new Map<string, TokenRecord>();
  #bindings = new Map<string, BindingRecord>();
  #uploadSequence = 0;
  #version = 0;

  constructor(seed: Seed) {
    this.seed = seed;
    for (const account of seed.accounts) {
      this.#accounts.set(account.id, account);
      for (const key of account.accessKeys) this.#keys.set(key.id, { account, key });
    }
    for (const bucket of seed.buckets) this.#buckets.set(bucket.name, bucket);
    for (const cert of seed.casCertificates ?? []) this.#cas.set(cert.id, cert);
  }

  get version(): number {
    return this.#version;
  }

  keyOwner(accessKeyId: string): KeyOwner | undefined {
    return this.#keys.get(accessKeyId);
  }

  /** The key whose STS token this is, to tell a foreign token from a forged one. */
  keyWithToken(securityToken: string): SeedAccessKey | undefined {
    for (const { key } of this.#keys.values()) if (key.securityToken === securityToken) return key;
    return undefined;
  }

  account(id: string): SeedAccount | undefined {
    return this.#accounts.get(id);
  }

  bucket(name: string): SeedBucket | undefined {
    return this.#buckets.get(name);
  }

  bucketsOf(accountId: string): SeedBucket[] {
    return this.seed.buckets.filter((b) => b.owner === accountId);
  }

  casCertificate(id: string): SeedCasCertificate | undefined {
    return this.#cas.get(id);
  }

  token(bucket: string, domain: string): TokenRecord | undefined {
    return this.#tokens.get(tokenKey(bucket, domain));
  }

  liveTokenCount(bucket: string, now: number): number {
    let count = 0;
    for (const t of this.#tokens.values()) if (t.bucket === bucket && t.expiresAt > now) count++;
    return count;
  }

  putToken(record: TokenRecord): void {
    this.#tokens.set(tokenKey(record.bucket, record.domain), record);
    this.#version++;
  }

  binding(domain: string): BindingRecord | undefined {
    return this.#bindings.get(domain);
  }

  /** Bindings of one bucket in the order they were first bound. */
  bindingsOf(bucket: string): BindingRecord[] {
    return [...this.#bindings.values()].filter((b) => b.bucket === bucket);
  }

  putBinding(record: BindingRecord): void {
    this.#bindings.set(record.domain, record);
    this.#version++;
  }

  deleteBinding(domain: string): void {
    if (this.#bindings.delete(domain)) this.#version++;
  }

  nextUploadSequence(): number {
    this.#uploadSequence++;
    this.#version++;
    return this.#uploadSequence;
  }

  snapshot(): DynamicState {
    return {
      tokens: [...this.#tokens.values()].map((t) => ({ ...t })),
      bindings: [...this.#bindings.values()].map((b) => ({
        ...b,
        certificate: b.certificate ? { ...b.certificate } : undefined,
      })),
      uploadSequence: this.#uploadSequence,
    };
  }

  /** Replaces the dynamic state, dropping records of buckets the current seed no longer has. */
  restore(state: DynamicState): void {
    this.#tokens = new Map(
      state.tokens
        .filter((t) => this.#buckets.has(t.bucket))
        .map((t) => [tokenKey(t.bucket, t.domain), { ...t }]),
    );
    this.#bindings = new Map(
      state.bindings.filter((b) => this.#buckets.has(b.bucket)).map((b) => [b.domain, { ...b }]),
    );
    this.#uploadSequence = state.uploadSequence;
    this.#version++;
  }

  reset(): void {
    this.restore({ tokens: [], bindings: [], uploadSequence: 0 });
  }
}
