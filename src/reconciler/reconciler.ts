// The loop each process runs: every RECONCILE_POLL_MS (or at once after a write asked for it), claim the
// due domains with a lease and work them. Replicas share the work through the claim; a domain is worked
// by one replica at a time, and a replica that dies only delays its domains by the lease. The timer never
// keeps the process alive, and stop() waits for the pass in flight.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { DomainRow } from '../domains/index.ts';
import { currentSpanContext, type SpanContext, withSpan } from '../telemetry/index.ts';
import { type PassDeps, reconcileOne } from './pass.ts';

/** How many waking requests one pass span links to; more add nothing a reader would follow. */
const MAX_LINKS = 16;

export interface ReconcilerSettings {
  pollMs: number;
  batchSize: number;
}

export class Reconciler {
  /** Names this process in leases (and logs). */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #deps: PassDeps;
  readonly #settings: ReconcilerSettings;
  readonly #log: FastifyBaseLogger;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;
  /** The spans of the requests that woke the loop since the last traced pass (tracing on only). */
  #wokenBy: SpanContext[] = [];

  constructor(deps: PassDeps, settings: ReconcilerSettings, log: FastifyBaseLogger) {
    this.#deps = deps;
    this.#settings = settings;
    this.#log = log;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** Look for due domains now (a domain was attached, checked or deleted). */
  kick(): void {
    const waker = currentSpanContext();
    if (waker !== undefined && this.#wokenBy.length < MAX_LINKS) this.#wokenBy.push(waker);
    this.#kick();
  }

  #kick(): void {
    if (this.#stopped) return;
    if (this.#running !== undefined) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = this.#tick().finally(() => {
      this.#running = undefined;
      if (this.#stopped) return;
      if (this.#again) {
        this.#again = false;
        this.#kick();
        return;
      }
      this.#timer = setTimeout(() => this.#kick(), this.#settings.pollMs);
      this.#timer.unref();
    });
  }

  async #tick(): Promise<void> {
    const { repository, options, now } = this.#deps;
    // While this process lives, its claims stay its own however long a pass takes (a slow OSS); only a
    // process that died lets its leases run out for another replica.
    const heartbeat = setInterval(
      () => {
        repository
          .renewLeases(this.owner, new Date(now().getTime() + options.leaseMs))
          .catch((error: unknown) => {
            this.#log.warn({ err: error }, 'could not renew the leases of managed domains');
          });
      },
      Math.max(100, Math.floor(options.leaseMs / 3)),
    );
    heartbeat.unref();
    try {
      // The requests that woke this pass; a pass that finds nothing due drops them with it.
      const links = this.#wokenBy.splice(0);
      const first = await this.#claim();
      // An idle poll is no span: only passes that found work show in traces.
      if (first.length === 0) return;
      await withSpan('reconciler.pass', () => this.#work(first), {
        root: true,
        links,
        attributes: {
          'reconciler.engine': repository.engine,
          'reconciler.batch_size': this.#settings.batchSize,
        },
        describe: (counts) => ({
          'reconciler.domains.claimed': counts.claimed,
          'reconciler.domains.advanced': counts.advanced,
        }),
      });
    } catch (error) {
      this.#log.warn({ err: error }, 'reconciling managed domains failed; retrying at the next poll');
    } finally {
      clearInterval(heartbeat);
    }
  }

  #claim(): Promise<DomainRow[]> {
    const { repository, options, now } = this.#deps;
    return repository.claimDue(now(), this.#settings.batchSize, this.owner, options.leaseMs);
  }

  /** Works the claimed batches of one pass; `advanced` counts the domains it saved or removed. */
  async #work(first: DomainRow[]): Promise<{ claimed: number; advanced: number }> {
    const counts = { claimed: 0, advanced: 0 };
    for (let claimed = first; ; claimed = await this.#claim()) {
      counts.claimed += claimed.length;
      for (const row of claimed) {
        if (this.#stopped) {
          await this.#deps.repository.release(row.bucket, row.domain, this.owner);
          continue;
        }
        const outcome = await withSpan('reconciler.domain', () => reconcileOne(row, this.owner, this.#deps), {
          attributes: { 'domain.bucket': row.bucket, 'domain.name': row.domain, 'domain.status': row.status },
          describe: (result) => ({ 'reconciler.outcome': result }),
        });
        if (outcome === 'saved' || outcome === 'removed') counts.advanced++;
        this.#log.debug({ bucket: row.bucket, domain: row.domain, outcome }, 'reconciled a managed domain');
      }
      // A full batch means more may be due; the poll interval is for an idle loop.
      if (claimed.length < this.#settings.batchSize || this.#stopped) return counts;
    }
  }
}
