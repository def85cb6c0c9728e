// The loop every process runs beside the reconciler: every poll (and at once after a certificate write
// through /cnames) it claims due buckets with a lease, reads each one's bindings from OSS, and writes the
// warnings crossed with their events in one transaction on the version claimed. A replica that dies only
// delays its buckets by the lease; a pass that loses its write (a registration meanwhile, a lease taken
// over) wrote nothing and the bucket runs again. Timers never keep the process alive.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ProblemError } from '../errors/problem.ts';
import type { CnameInfo } from '../oss/index.ts';
import { planBucket } from './plan.ts';
import type { CertificateWatchRepository, ClaimedBucket } from './repository.ts';

export interface CertificateWatchDeps {
  repository: CertificateWatchRepository;
  /** ListCname of the bucket, read now. */
  bindings(bucket: string): Promise<CnameInfo[]>;
  /** Domains of the bucket whose certificate a managed domain owns (the reconciler warns about those). */
  managedCertificates(bucket: string): Promise<ReadonlySet<string>>;
  now: () => Date;
  log: { warn(details: object, message: string): void };
}

export interface CertificateWatchSettings {
  pollMs: number;
  batchSize: number;
  leaseMs: number;
  watchIntervalMs: number;
  /** A registered bucket with no certificate left is watched this long before its watch ends. */
  endGraceMs: number;
}

/** After a failed look (OSS unavailable), the bucket is tried again this soon at most. */
const RETRY_MS = 5 * 60_000;

export class CertificateWatch {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #deps: CertificateWatchDeps;
  readonly #settings: CertificateWatchSettings;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #again = false;
  #stopped = true;

  constructor(deps: CertificateWatchDeps, settings: CertificateWatchSettings) {
    this.#deps = deps;
    this.#settings = settings;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** Look for due buckets now (a certificate was just bound). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running !== undefined) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = this.runOnce()
      .catch((error: unknown) => this.#deps.log.warn({ err: error }, 'the certificate expiry watch failed'))
      .finally(() => {
        this.#running = undefined;
        if (this.#stopped) return;
        const again = this.#again;
        this.#again = false;
        if (again) return this.kick();
        this.#timer = setTimeout(() => this.kick(), this.#settings.pollMs);
        this.#timer.unref();
      });
  }

  /** Works every due bucket once; answers how many were claimed. */
  async runOnce(): Promise<number> {
    const { repository, now } = this.#deps;
    let total = 0;
    for (;;) {
      const { batchSize, leaseMs } = this.#settings;
      const claimed = await repository.claimDue(now(), batchSize, this.owner, leaseMs);
      for (const bucket of claimed) await this.#look(bucket);
      total += claimed.length;
      if (claimed.length < batchSize) return total;
    }
  }

  async #look(claimed: ClaimedBucket): Promise<void> {
    const { repository, now } = this.#deps;
    let bindings: CnameInfo[];
    let managed: ReadonlySet<string>;
    try {
      [bindings, managed] = await Promise.all([
        this.#deps.bindings(claimed.bucket),
        this.#deps.managedCertificates(claimed.bucket),
      ]);
    } catch (error) {
      if (error instanceof ProblemError && error.code === 'bucket-not-found') {
        await repository.drop(claimed, this.owner);
        return;
      }
      this.#deps.log.warn({ err: error, bucket: claimed.bucket }, 'could not read the bindings to watch');
      const retry = Math.min(RETRY_MS, this.#settings.watchIntervalMs);
      await repository.release(claimed.bucket, this.owner, new Date(now().getTime() + retry));
      return;
    }
    const at = now();
    const plan = planBucket({
      bucket: claimed.bucket,
      bindings,
      managedCertificates: managed,
      remembered: await repository.remembered(claimed.bucket),
      now: at,
      watchIntervalMs: this.#settings.watchIntervalMs,
    });
    // A bucket whose certificates are all gone stops being watched, unless one was bound just now and
    // may not show yet (a registration comes before PutCname).
    const end =
      plan.watched === 0 && at.getTime() - claimed.registeredAt.getTime() >= this.#settings.endGraceMs;
    if (!(await repository.commit(claimed, this.owner, plan, at, end))) {
      await repository.release(claimed.bucket, this.owner);
    }
  }
}
