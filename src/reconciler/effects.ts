// Runs one effect of the transition function through the ports and says what it saw, as observations.
// A failure is an observation too: a terminal refusal by OSS (`refused`), anything else worth retrying
// (`error`, with OSS's or DNS's Retry-After when there is one).
import type { CertificateDriver } from '../certificates/index.ts';
import { type DomainRow, domainRecords, type Effect, type Observation } from '../domains/index.ts';
import { ProblemError } from '../errors/problem.ts';
import { attach, certificateStep } from './certificate-effects.ts';
import type { DnsPort } from './dns-port.ts';
import { LeaseLostError } from './lease-lost.ts';
import type { OssPort } from './oss-port.ts';

export interface EffectPorts {
  oss: OssPort;
  dns: DnsPort;
  certificates?: CertificateDriver | undefined;
  /** Runs right before a PutCname or DeleteCname: the pass's check that its claim is still its own. */
  beforeWrite?: (() => Promise<void>) | undefined;
}

/** OSS refusals no retry changes; `/check` re-arms the domain once the cause is gone. */
const TERMINAL = new Set([
  'domain-held-by-other-account',
  'domain-bound-to-other-bucket',
  'domain-forbidden',
  'domain-flagged-risky',
  'icp-filing-required',
  'bucket-not-found',
]);

export function failureObservation(error: unknown): Observation {
  if (error instanceof ProblemError) {
    const note = { code: error.code, detail: error.detail };
    if (TERMINAL.has(error.code)) return { kind: 'refused', error: note };
    const seconds = Number(error.headers['retry-after']);
    return Number.isFinite(seconds) && seconds > 0
      ? { kind: 'error', error: note, retryAfterMs: seconds * 1000 }
      : { kind: 'error', error: note };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'error', error: { code: 'internal-error', detail } };
}

export async function runEffect(
  effect: Exclude<Effect, { type: 'remove' }>,
  row: DomainRow,
  ports: EffectPorts,
  now: Date,
): Promise<Observation[]> {
  try {
    return await run(effect, row, ports, now);
  } catch (error) {
    // Not a failure of the effect: the pass is over, and the row another replica's.
    if (error instanceof LeaseLostError) throw error;
    return [failureObservation(error)];
  }
}

async function run(
  effect: Exclude<Effect, { type: 'remove' }>,
  row: DomainRow,
  ports: EffectPorts,
  now: Date,
) {
  const { bucket, domain } = row;
  switch (effect.type) {
    case 'ensure_token': {
      const [token, target, zone] = await Promise.all([
        ports.oss.ensureToken(bucket, domain),
        ports.oss.cnameTarget(bucket),
        ports.dns.zoneOf(domain),
      ]);
      const records = domainRecords({ domain, cnameTarget: target, dnsZone: zone, token: token.token });
      const ownership = records.find((r) => r.purpose === 'ownership');
      if (ownership === undefined) return [];
      const { purpose: _p, satisfied: _s, ...record } = ownership;
      return [
        { kind: 'token', token: token.token, expiresAt: token.expiresAt, record } satisfies Observation,
      ];
    }
    case 'check_dns':
      return dnsSeen(row, ports);
    case 'put_cname': {
      const certificate = await ports.oss.putCname(bucket, domain, undefined, ports.beforeWrite);
      return [{ kind: 'bound', certificate } as Observation];
    }
    case 'observe_binding': {
      const seen = await ports.oss.observeBinding(bucket, domain);
      // DNS too: `satisfied` must follow records published after the binding (the traffic CNAME often is)
      // or removed since. Only what the resource shows depends on it, so a failed look-up changes nothing.
      const dns = await dnsSeen(row, ports).catch(() => []);
      return [
        { kind: 'binding', present: seen.present, certificate: seen.certificate } as Observation,
        ...dns,
      ];
    }
    case 'unbind':
      // A stalled pass must not unbind a domain its new owner may have deleted, re-attached and bound since.
      await ports.beforeWrite?.();
      await ports.oss.deleteCname(bucket, domain);
      await ports.certificates?.forget(bucket, domain);
      return [{ kind: 'unbound' } as Observation];
    case 'issue_certificate':
    case 'renew_certificate':
      return certificateStep(effect.type === 'issue_certificate' ? 'issue' : 'renew', row, ports, now);
    case 'attach_certificate': {
      const bound = await attach(row, ports);
      return bound === undefined ? [] : [{ kind: 'bound', certificate: bound } as Observation];
    }
  }
}

/** Which of the domain's records DNS shows; the ownership check needs the token, so none without one. */
async function dnsSeen(row: DomainRow, ports: EffectPorts): Promise<Observation[]> {
  if (row.token === null) return [];
  const target = await ports.oss.cnameTarget(row.bucket);
  // Managed certificates: the delegation shows as satisfied as soon as it is published.
  const acme = row.dnsRecords.find((r) => r.purpose === 'acme-challenge')?.value;
  const satisfied = await ports.dns.check(row.domain, row.token.value, target, acme);
  return [{ kind: 'dns', satisfied }];
}
