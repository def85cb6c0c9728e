// The audit_log table: append-only rows, listed newest first, pruned past the retention.
import { randomUUID } from 'node:crypto';
import type { SqlValue, Store } from '../store/index.ts';
import { days } from '../time/durations.ts';
import type { AuditEntry, CertificateState, NewAuditEntry } from './entry.ts';

export interface AuditQuery {
  bucket?: string | undefined;
  domain?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  outcome?: string | undefined;
  /** Epoch ms, inclusive. */
  since?: number | undefined;
  /** Epoch ms, exclusive. */
  until?: number | undefined;
  /** Only rows older than this position. */
  beforeSeq?: number | undefined;
  limit: number;
}

type AuditRow = {
  seq: number;
  id: string;
  time: number;
  actor: string;
  actor_reason: string | null;
  request_id: string | null;
  action: string;
  method: string | null;
  route: string | null;
  status: number | null;
  bucket: string | null;
  domain: string | null;
  outcome: string;
  oss_request_ids: string;
  certificate_before: string | null;
  certificate_after: string | null;
  idempotency_key: string | null;
  dry_run: number;
};

/** The certificate_after of the last recorded change of the binding ($10, $11) being appended. */
const LAST_CERTIFICATE = `(SELECT certificate_after FROM audit_log
  WHERE bucket = $10 AND domain = $11 AND outcome = 'success' AND dry_run = 0
    AND action IN ('putBinding', 'putBindingByBody', 'deleteBinding', 'deleteBindingByBody', 'deleteBindingCertificate')
  ORDER BY seq DESC LIMIT 1)`;

const FILTER_COLUMNS = ['bucket', 'domain', 'actor', 'action', 'outcome'] as const;

export class AuditLog {
  readonly #store: Store;
  readonly #now: () => number;

  constructor(store: Store, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  /**
   * `beforeFromLog`: the entry's certificateBefore is what the last recorded change of its binding left
   * (null when none, or when this log has no change of it), read by the insert itself: a change's entry
   * costs the store one statement, not a query and then an insert.
   */
  async append(entry: NewAuditEntry, options: { beforeFromLog?: boolean } = {}): Promise<string> {
    const id = randomUUID();
    const time = entry.time === undefined ? this.#now() : Date.parse(entry.time);
    const json = (value: CertificateState | null) => (value === null ? null : JSON.stringify(value));
    const before = options.beforeFromLog ? `COALESCE($14, ${LAST_CERTIFICATE})` : '$14';
    await this.#store.run(
      `INSERT INTO audit_log (id, time, actor, actor_reason, request_id, action, method, route, status, bucket,
         domain, outcome, oss_request_ids, certificate_before, certificate_after, idempotency_key, dry_run)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, ${before}, $15, $16, $17)`,
      [
        id,
        time,
        entry.actor,
        entry.actorReason,
        entry.requestId,
        entry.action,
        entry.method,
        entry.route,
        entry.status,
        entry.bucket,
        entry.domain,
        entry.outcome,
        JSON.stringify(entry.ossRequestIds),
        json(entry.certificateBefore),
        json(entry.certificateAfter),
        entry.idempotencyKey,
        entry.dryRun ? 1 : 0,
      ],
    );
    return id;
  }

  /** A change the service made by itself, not for a request. */
  appendSystem(reason: string, entry: Omit<NewAuditEntry, 'actor' | 'actorReason'>): Promise<string> {
    return this.append({ ...entry, actor: 'system', actorReason: reason });
  }

  async list(query: AuditQuery): Promise<Array<{ seq: number; entry: AuditEntry }>> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const add = (clause: (n: string) => string, value: SqlValue) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    for (const column of FILTER_COLUMNS) {
      const value = query[column];
      if (value !== undefined) add((n) => `${column} = ${n}`, value);
    }
    if (query.since !== undefined) add((n) => `time >= ${n}`, query.since);
    if (query.until !== undefined) add((n) => `time < ${n}`, query.until);
    if (query.beforeSeq !== undefined) add((n) => `seq < ${n}`, query.beforeSeq);
    params.push(query.limit);
    const rows = await this.#store.query<AuditRow>(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({ seq: row.seq, entry: toEntry(row) }));
  }

  /** Removes entries older than the retention; returns how many. */
  prune(retentionDays: number): Promise<number> {
    return this.#store.run('DELETE FROM audit_log WHERE time < $1', [this.#now() - days(retentionDays)]);
  }
}

function toEntry(row: AuditRow): AuditEntry {
  const certificate = (text: string | null) =>
    text === null ? null : (JSON.parse(text) as CertificateState);
  return {
    id: row.id,
    time: new Date(row.time).toISOString(),
    actor: row.actor,
    actorReason: row.actor_reason,
    requestId: row.request_id,
    action: row.action,
    method: row.method,
    route: row.route,
    status: row.status,
    bucket: row.bucket,
    domain: row.domain,
    outcome: row.outcome,
    ossRequestIds: JSON.parse(row.oss_request_ids) as string[],
    certificateBefore: certificate(row.certificate_before),
    certificateAfter: certificate(row.certificate_after),
    idempotencyKey: row.idempotency_key,
    dryRun: row.dry_run === 1,
  };
}
