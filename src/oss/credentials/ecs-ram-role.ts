import { setTimeout as delay } from 'node:timers/promises';
import { OssCredentialsError } from '../errors.ts';
import { RefreshingCredentialsProvider } from './refreshing.ts';
import type { Credentials, CredentialsProvider } from './types.ts';

// Temporary credentials of the RAM role attached to an ECS instance, from the instance metadata service
// (protocol §5): GET <base>/ → role name (when not configured), GET <base>/<role> → JSON with
// AccessKeyId, AccessKeySecret, SecurityToken, Expiration and Code (must be Success when present).

export const ECS_METADATA_CREDENTIALS_URL =
  'http://100.100.100.200/latest/meta-data/ram/security-credentials/';

export interface EcsRamRoleOptions {
  /** Skips the role-name lookup when set. */
  roleName?: string | undefined;
  /** Base URL ending in `/`; tests point it at a local server. */
  baseUrl?: string | undefined;
  /** Per-request timeout. */
  timeoutMs?: number | undefined;
  /** Tries per request when the metadata service is unreachable. */
  tries?: number | undefined;
  retryDelayMs?: number | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Clock for the refresh window; epoch milliseconds. */
  now?: (() => number) | undefined;
}

interface MetadataCredentials {
  AccessKeyId?: unknown;
  AccessKeySecret?: unknown;
  SecurityToken?: unknown;
  Expiration?: unknown;
  Code?: unknown;
}

/** Fetches once per call, without caching; wrap it (see {@link ecsRamRoleCredentials}). */
export class EcsRamRoleFetcher {
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #tries: number;
  readonly #retryDelayMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  #roleName: string | undefined;

  constructor(opts: EcsRamRoleOptions = {}) {
    const base = opts.baseUrl ?? ECS_METADATA_CREDENTIALS_URL;
    this.#baseUrl = base.endsWith('/') ? base : `${base}/`;
    this.#roleName = opts.roleName || undefined;
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
    this.#tries = Math.max(1, opts.tries ?? 3);
    this.#retryDelayMs = opts.retryDelayMs ?? 500;
    this.#sleep = opts.sleep ?? ((ms) => delay(ms));
  }

  /** GET with a timeout; network failures are tried again, HTTP answers are returned as they are. */
  async #get(url: string, signal?: AbortSignal): Promise<{ status: number; text: string }> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.#tries; attempt++) {
      const timeout = AbortSignal.timeout(this.#timeoutMs);
      try {
        const res = await fetch(url, {
          redirect: 'error',
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        return { status: res.status, text: await res.text() };
      } catch (err) {
        lastError = err;
        if (signal?.aborted) break;
        if (attempt < this.#tries) await this.#sleep(this.#retryDelayMs);
      }
    }
    throw new OssCredentialsError(`ECS metadata service unreachable after ${this.#tries} tries`, {
      cause: lastError,
    });
  }

  async #role(signal?: AbortSignal): Promise<string> {
    if (this.#roleName) return this.#roleName;
    const res = await this.#get(this.#baseUrl, signal);
    const name = res.text.trim().split('\n')[0]?.trim() ?? '';
    if (res.status !== 200 || name === '') {
      throw new OssCredentialsError(`ECS metadata service returned no RAM role name (HTTP ${res.status})`);
    }
    this.#roleName = name;
    return name;
  }

  async fetch(signal?: AbortSignal): Promise<Credentials> {
    const role = await this.#role(signal);
    const res = await this.#get(this.#baseUrl + encodeURIComponent(role), signal);
    if (res.status !== 200) {
      throw new OssCredentialsError(`ECS metadata service answered HTTP ${res.status} for role "${role}"`);
    }
    let body: MetadataCredentials;
    try {
      body = JSON.parse(res.text) as MetadataCredentials;
    } catch {
      // The body may hold secrets: never echo it.
      throw new OssCredentialsError(`ECS metadata credentials for role "${role}" are not JSON`);
    }
    if (typeof body.Code === 'string' && body.Code !== '' && body.Code.toLowerCase() !== 'success') {
      throw new OssCredentialsError(`ECS metadata service returned Code "${body.Code}" for role "${role}"`);
    }
    const { AccessKeyId: id, AccessKeySecret: secret, SecurityToken: token, Expiration: exp } = body;
    if (typeof id !== 'string' || id === '' || typeof secret !== 'string' || secret === '') {
      throw new OssCredentialsError(
        `ECS metadata credentials for role "${role}" lack AccessKeyId or AccessKeySecret`,
      );
    }
    let expiration: Date | undefined;
    if (typeof exp === 'string' && exp !== '') {
      expiration = new Date(exp);
      if (Number.isNaN(expiration.getTime())) {
        throw new OssCredentialsError(
          `ECS metadata credentials for role "${role}" have an invalid Expiration`,
        );
      }
    }
    return {
      accessKeyId: id,
      accessKeySecret: secret,
      securityToken: typeof token === 'string' && token !== '' ? token : undefined,
      expiration,
    };
  }
}

/** ECS RAM role credentials with the SDKs' refresh behaviour. */
export function ecsRamRoleCredentials(opts: EcsRamRoleOptions = {}): CredentialsProvider {
  const fetcher = new EcsRamRoleFetcher(opts);
  return new RefreshingCredentialsProvider({ fetch: (signal) => fetcher.fetch(signal), now: opts.now });
}
