// The certificate effects: look at the customer's `_acme-challenge` delegation first (an order placed
// while it is missing or wrong could only fail at the CA, and failed validations count against the CA's
// limits), then let the driver run the order, and attach what it issued at OSS before it counts as issued.
import { guessZone } from '../domain/zone.ts';
import type { DnsRecordRow, DomainRow, Observation } from '../domains/index.ts';
import type { EffectPorts } from './effects.ts';

const unavailable: Observation = {
  kind: 'certificate',
  step: 'failed',
  terminal: true,
  error: { code: 'managed-certificates-unavailable', detail: 'This service has no managed certificates.' },
};

export async function certificateStep(
  step: 'issue' | 'renew',
  row: DomainRow,
  ports: EffectPorts,
  now: Date,
): Promise<Observation[]> {
  const { certificates } = ports;
  if (certificates === undefined) return [unavailable];
  const seen: Observation[] = [];
  const wanted = certificates.challengeRecord(row.domain);
  const listed = row.dnsRecords.find((r) => r.purpose === 'acme-challenge');
  const delegation = await ports.dns.acmeChallenge(row.domain, wanted.value);
  if (listed === undefined || listed.value !== wanted.value) {
    // ACME_DNS_ZONE changed since the domain was attached: the record to publish is the new one.
    seen.push({ kind: 'records', records: [challengeRow(listed, wanted, delegation.satisfied)] });
  }
  seen.push({ kind: 'dns', satisfied: { 'acme-challenge': delegation.satisfied } });
  if (!delegation.satisfied) {
    seen.push({
      kind: 'certificate',
      step: 'failed',
      terminal: false,
      error: { code: 'acme-challenge-not-visible', detail: delegation.detail },
    });
    return seen;
  }
  for (const o of await certificates.advance(row, step, now)) {
    if (o.kind !== 'certificate' || o.step !== 'issued') {
      seen.push(o);
      continue;
    }
    const bound = await attach(row, ports);
    seen.push({ ...o, certificate: { ...o.certificate, certId: bound?.certId ?? o.certificate.certId } });
  }
  return seen;
}

export async function attach(row: DomainRow, ports: EffectPorts) {
  const material = await ports.certificates?.material(row.bucket, row.domain);
  if (material === undefined) return undefined;
  const bound = await ports.oss.putCname(row.bucket, row.domain, material, ports.beforeWrite);
  return bound ?? undefined;
}

function challengeRow(
  listed: DnsRecordRow | undefined,
  wanted: { name: string; value: string },
  satisfied: boolean,
): DnsRecordRow {
  const base = listed ?? {
    purpose: 'acme-challenge' as const,
    type: 'CNAME' as const,
    name: wanted.name,
    ...guessZone(wanted.name.replace(/^_acme-challenge\./, ''), wanted.name),
  };
  return { ...base, value: wanted.value, satisfied };
}
