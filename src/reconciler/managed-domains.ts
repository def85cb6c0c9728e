// What the /domains routes ask of managed domains: attach (the token and the records to publish come
// with the answer), read, list, check now, delete. Each write is a transition saved with its events on
// the version read, and wakes the reconciler; the reconciler does the rest.
import type { CertificateDriver } from '../certificates/index.ts';
import {
  type CertificateMode,
  createdEvents,
  type DomainRow,
  domainEtag,
  domainIfMatchHolds,
  domainRecords,
  isReady,
  newDomainRow,
  type Observation,
  type ReconcileOptions,
  toDomainResource,
  toEvent,
  transition,
} from '../domains/index.ts';
import { ProblemError, problem } from '../errors/problem.ts';
import type { OssAccess, ShareGate } from '../services/index.ts';
import type { DnsPort } from './dns-port.ts';
import type { OssPort } from './oss-port.ts';
import type { DomainRepository, ListFilter } from './repository.ts';

export interface ManagedDomainsDeps {
  repository: DomainRepository;
  oss: OssPort;
  dns: DnsPort;
  certificates?: CertificateDriver | undefined;
  options: ReconcileOptions;
  now: () => Date;
  /** Wake the reconciler: something is due now. */
  wake: () => void;
  /** Counts the token an attach creates against the caller's key, as POST …/cname-tokens does (F7). */
  shares?: { gate: ShareGate; oss: OssAccess } | undefined;
}

/** Writers racing on one row (the reconciler, another request) get this many tries before giving up. */
const WRITE_TRIES = 5;

export class ManagedDomains {
  readonly #deps: ManagedDomainsDeps;

  constructor(deps: ManagedDomainsDeps) {
    this.#deps = deps;
  }

  get certificatesAvailable(): boolean {
    return this.#deps.certificates !== undefined;
  }

  async attach(bucket: string, domain: string, mode: CertificateMode, keyId?: string): Promise<DomainRow> {
    const { repository, oss, dns, certificates, now } = this.#deps;
    if (mode === 'managed' && certificates === undefined) {
      throw problem(
        'managed-certificates-unavailable',
        'This service is not configured to obtain certificates; attach with "certificate": "none", or ask its operators to configure ACME.',
      );
    }
    const existing = await repository.get(bucket, domain);
    if (existing !== undefined) throw this.alreadyManaged(existing);
    // Asked before anything is stored: an unknown bucket or a domain OSS refuses answers now.
    const cnameTarget = await oss.cnameTarget(bucket);
    const [token, dnsZone] = await Promise.all([
      this.#countedToken(bucket, domain, keyId),
      dns.zoneOf(domain),
    ]);
    const records = domainRecords({
      domain,
      cnameTarget,
      dnsZone,
      token: token?.token,
      acmeChallengeTarget: mode === 'managed' ? certificates?.challengeRecord(domain).value : undefined,
    });
    const at = now();
    const fresh = newDomainRow(
      {
        bucket,
        domain,
        certificateMode: mode,
        dnsRecords: records,
        token: token === null ? null : { value: token.token, expiresAt: token.expiresAt },
      },
      at,
    );
    // Already bound to this bucket (through /cnames): adopted as bound, watched from now on.
    const row: DomainRow = token === null ? { ...fresh, status: 'bound' } : fresh;
    const events = createdEvents(row, at);
    if (token === null) events.push(toEvent('domain.bound', row, at));
    if (isReady(row, at)) events.push(toEvent('domain.ready', row, at));
    const inserted = await repository.insert(row, events, at);
    if (inserted === undefined) {
      const winner = await repository.get(bucket, domain);
      throw winner === undefined
        ? problem('domain-not-managed', `${domain} was deleted meanwhile.`)
        : this.alreadyManaged(winner);
    }
    this.#deps.wake();
    return inserted;
  }

  /**
   * #tokenUnlessBound, counted against the key's share of the bucket's tokens (issue 19, F7). Only the
   * first 72 h count: tokens the reconciler renews for a domain that stays unbound are not counted again.
   */
  async #countedToken(bucket: string, domain: string, keyId: string | undefined) {
    const shares = this.#deps.shares;
    if (shares === undefined || keyId === undefined) return this.#tokenUnlessBound(bucket, domain);
    const ref = { bucket, domain, keyId };
    await shares.gate.claim(shares.oss.bucket(bucket), ref);
    try {
      const token = await this.#tokenUnlessBound(bucket, domain);
      if (token === null) await shares.gate.release(bucket, domain);
      else await shares.gate.settle(ref, token.expiresAt?.toISOString());
      return token;
    } catch (error) {
      await shares.gate.release(bucket, domain);
      throw error;
    }
  }

  /** The token OSS holds, or null when OSS says the domain is bound to the bucket already. */
  async #tokenUnlessBound(bucket: string, domain: string) {
    try {
      return await this.#deps.oss.ensureToken(bucket, domain);
    } catch (error) {
      if (error instanceof ProblemError && error.code === 'already-bound') return null;
      throw error;
    }
  }

  async get(bucket: string, domain: string): Promise<DomainRow> {
    const row = await this.#deps.repository.get(bucket, domain);
    if (row === undefined) throw notManaged(bucket, domain);
    return row;
  }

  /** A domain managed on the bucket, if any (the /cnames guard). */
  find(bucket: string, domain: string): Promise<DomainRow | undefined> {
    return this.#deps.repository.get(bucket, domain);
  }

  list(bucket: string, filter: ListFilter) {
    return this.#deps.repository.list(bucket, filter);
  }

  /** POST …/check: run now (re-arms a stalled or failed domain, keeping its token). */
  check(bucket: string, domain: string, ifMatch?: string): Promise<DomainRow> {
    return this.#apply(bucket, domain, { kind: 'check' }, ifMatch);
  }

  /** DELETE: `deleting` now; the reconciler unbinds at OSS and removes the row. */
  remove(bucket: string, domain: string, ifMatch?: string): Promise<DomainRow> {
    return this.#apply(bucket, domain, { kind: 'delete' }, ifMatch);
  }

  view(row: DomainRow) {
    return toDomainResource(row, this.#deps.now());
  }

  alreadyManaged(row: DomainRow): ProblemError {
    return problem(
      'domain-already-managed',
      `${row.domain} is already managed on bucket "${row.bucket}"; read it with GET /buckets/${row.bucket}/domains/${row.domain}, or POST …/check to run it now.`,
      { extensions: { resource: this.view(row) } },
    );
  }

  async #apply(
    bucket: string,
    domain: string,
    observation: Observation,
    ifMatch: string | undefined,
  ): Promise<DomainRow> {
    const { repository, options, now } = this.#deps;
    for (let attempt = 0; attempt < WRITE_TRIES; attempt++) {
      // If-Match is checked on every read: a change that slips in before the write fails it too.
      const row =
        ifMatch === undefined
          ? await this.get(bucket, domain)
          : preconditionHeld(domain, await repository.get(bucket, domain), ifMatch);
      const at = now();
      const next = transition(row, observation, at, options);
      if (next.row === row) return row;
      if (await repository.save(next.row, next.events, row.version, at)) {
        this.#deps.wake();
        return next.row;
      }
    }
    // Only a row rewritten by others between every read and write gets here.
    throw new Error(`${domain} on ${bucket} kept changing during ${observation.kind}`);
  }
}

function preconditionHeld(domain: string, row: DomainRow | undefined, ifMatch: string): DomainRow {
  if (row !== undefined && domainIfMatchHolds(ifMatch, row)) return row;
  const currentEtag = row === undefined ? null : domainEtag(row);
  throw problem(
    'precondition-failed',
    row === undefined
      ? `If-Match was sent but ${domain} is not managed on this bucket.`
      : `If-Match ${ifMatch} does not match the current ETag ${currentEtag} of ${domain}; GET the domain, check it, then retry with its ETag.`,
    { headers: currentEtag === null ? undefined : { etag: currentEtag }, extensions: { currentEtag } },
  );
}

export function notManaged(bucket: string, domain: string): ProblemError {
  return problem(
    'domain-not-managed',
    `${domain} is not managed on bucket "${bucket}"; attach it with POST /buckets/${bucket}/domains.`,
  );
}
