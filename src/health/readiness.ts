// Whether this instance can do its job: OSS answers and accepts our credentials. The check is a cheap
// signed call (ListBuckets, max-keys=1), cached briefly so probes from many load balancers cost one call,
// and never run twice at once.
import { readOssFailure } from '../errors/oss-error-shape.ts';
import { listBuckets, type OssInvoker } from '../oss/index.ts';

export type Readiness =
  | { ready: true; checkedAt: number; ossRequestId: string | undefined; note?: string }
  | { ready: false; checkedAt: number; reason: string; code: string };

export interface ReadinessOptions {
  cacheMs: number;
  timeoutMs: number;
  clock: () => number;
}

export class ReadinessProbe {
  readonly #oss: OssInvoker;
  readonly #options: ReadinessOptions;
  #last: Readiness | undefined;
  #running: Promise<Readiness> | undefined;
  #shuttingDown = false;

  constructor(oss: OssInvoker, options: ReadinessOptions) {
    this.#oss = oss;
    this.#options = options;
  }

  /** From now on the instance reports unready, so load balancers drain it during shutdown. */
  markShuttingDown(): void {
    this.#shuttingDown = true;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  async check(): Promise<Readiness> {
    const now = this.#options.clock();
    if (this.#last && now - this.#last.checkedAt < this.#options.cacheMs) return this.#last;
    this.#running ??= this.#probe().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #probe(): Promise<Readiness> {
    const result = await this.#ask();
    this.#last = result;
    return result;
  }

  async #ask(): Promise<Readiness> {
    try {
      const answer = await this.#oss.invoke(
        listBuckets,
        { maxKeys: 1 },
        { signal: AbortSignal.timeout(this.#options.timeoutMs) },
      );
      return { ready: true, checkedAt: this.#options.clock(), ossRequestId: answer.requestId };
    } catch (error) {
      const failure = readOssFailure(error);
      const checkedAt = this.#options.clock();
      // AccessDenied means OSS authenticated us and only this listing is not granted: a RAM policy
      // limited to the service's buckets is normal and must not take the service out of rotation.
      if (failure?.kind === 'service' && failure.code === 'AccessDenied') {
        return { ready: true, checkedAt, ossRequestId: failure.requestId, note: 'ListBuckets not granted' };
      }
      const code = failure?.code ?? (error as { code?: unknown }).code;
      return {
        ready: false,
        checkedAt,
        code: typeof code === 'string' ? code : 'Unknown',
        reason: failure?.message ?? (error instanceof Error ? error.message : String(error)),
      };
    }
  }
}
