// Builds the expiry watch for the composition root (src/app.ts): the repository over the store, OSS through
// OssAccess, the managed domains' rows to leave their certificates to the reconciler; started when the
// app is ready, stopped before the store closes. Answers what the /cnames write routes call.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/env-schema.ts';
import { EXPIRY_WARNING_DAYS } from '../domains/index.ts';
import { DomainRepository } from '../reconciler/index.ts';
import type { OssAccess } from '../services/index.ts';
import type { Store } from '../store/index.ts';
import { DAY_MS, days } from '../time/durations.ts';
import { CertificateWatchRepository } from './repository.ts';
import { CertificateWatch } from './watcher.ts';

export interface CertificateWatchParts {
  store: Store;
  oss: OssAccess;
  config: Pick<
    Config,
    'RECONCILE_POLL_MS' | 'RECONCILE_BATCH_SIZE' | 'RECONCILE_LEASE_MS' | 'RECONCILE_WATCH_INTERVAL_MS'
  >;
  /** Epoch milliseconds (tests); the system clock otherwise. */
  clock?: (() => number) | undefined;
}

/** What a certificate write through /cnames tells the watch about the bucket it wrote to. */
export interface CertificateWatchRegistry {
  /**
   * Without `notAfter` (before PutCname): watch the bucket, looked at within the watch interval. With the
   * certificate's `notAfter` (after): also at its first warning, if that comes sooner.
   */
  register(bucket: string, notAfter?: Date): Promise<void>;
}

const PAGE = 500;
const FIRST_WARNING_MS = days(EXPIRY_WARNING_DAYS[0]);

/**
 * When the watch first looks at a bucket a certificate was just written to: at the new certificate's first
 * warning when that comes within the interval, otherwise after the interval. Never at once: the write
 * itself just read ListCname, and a second read racing the request's own would cost OSS calls for
 * nothing; a threshold already crossed is raised within the interval.
 */
function firstLook(now: Date, intervalMs: number, notAfter: Date | undefined): Date {
  const later = now.getTime() + intervalMs;
  const warning = notAfter === undefined ? later : notAfter.getTime() - FIRST_WARNING_MS;
  return new Date(warning > now.getTime() && warning < later ? warning : later);
}

export function composeCertificateWatch(
  app: FastifyInstance,
  parts: CertificateWatchParts,
): CertificateWatchRegistry {
  const { config, clock } = parts;
  const now = clock === undefined ? () => new Date() : () => new Date(clock());
  const repository = new CertificateWatchRepository(parts.store);
  const domains = new DomainRepository(parts.store);
  const managedCertificates = async (bucket: string) => {
    const owned = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const page = await domains.list(bucket, { limit: PAGE, after });
      for (const row of page.rows) if (row.certificateMode === 'managed') owned.add(row.domain);
      after = page.rows.at(-1)?.domain;
      if (!page.more || after === undefined) return owned;
    }
  };
  const watch = new CertificateWatch(
    {
      repository,
      bindings: (bucket) => parts.oss.bucket(bucket).bindings(),
      managedCertificates,
      now,
      log: app.log.child({ component: 'certificate-watch' }),
    },
    {
      pollMs: config.RECONCILE_POLL_MS,
      batchSize: config.RECONCILE_BATCH_SIZE,
      leaseMs: config.RECONCILE_LEASE_MS,
      watchIntervalMs: config.RECONCILE_WATCH_INTERVAL_MS,
      endGraceMs: Math.max(config.RECONCILE_WATCH_INTERVAL_MS, DAY_MS),
    },
  );
  app.addHook('onReady', async () => watch.start());
  app.addHook('preClose', async () => watch.stop());
  return {
    async register(bucket, notAfter) {
      const at = now();
      const dueAt = firstLook(at, config.RECONCILE_WATCH_INTERVAL_MS, notAfter);
      await repository.register(bucket, dueAt, at);
    },
  };
}
