// GET /_emulator/state: the seed without secrets, tokens, bindings, DNS records, faults and the clock,
// with times as ISO strings so a test can read them directly.

import type { DnsRecordSet } from '../../dns/types.ts';
import type { EmulatorClock } from '../clock.ts';
import type { DnsZoneStore } from '../dns/zone-store.ts';
import type { Fault, FaultRegistry } from '../faults/registry.ts';
import type { CertificateRecord } from '../state/model.ts';
import type { EmulatorState } from '../state/store.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export interface StateView {
  now: string;
  clockOffsetSeconds: number;
  accounts: Array<{ id: string; accessKeys: Array<{ id: string; sts: boolean; deniedActions: string[] }> }>;
  buckets: Array<{ name: string; region: string; owner: string }>;
  tokens: Array<{
    bucket: string;
    domain: string;
    token: string;
    createdAt: string;
    expiresAt: string;
    live: boolean;
  }>;
  bindings: Array<{
    domain: string;
    bucket: string;
    owner: string;
    lastModified: string;
    status: string;
    certificate:
      | (Omit<CertificateRecord, 'creationDate' | 'validStartDate' | 'validEndDate'> & {
          creationDate: string;
          validStartDate: string;
          validEndDate: string;
        })
      | null;
  }>;
  dns: Array<{ name: string; records: DnsRecordSet[] }>;
  faults: Fault[];
}

export function stateView(deps: {
  state: EmulatorState;
  dns: DnsZoneStore;
  clock: EmulatorClock;
  faults: FaultRegistry;
}): StateView {
  const now = deps.clock.now();
  const dynamic = deps.state.snapshot();
  return {
    now: iso(now),
    clockOffsetSeconds: deps.clock.offsetMs / 1000,
    accounts: deps.state.seed.accounts.map((a) => ({
      id: a.id,
      accessKeys: a.accessKeys.map((k) => ({
        id: k.id,
        sts: k.securityToken !== undefined,
        deniedActions: [...(k.deniedActions ?? [])],
      })),
    })),
    buckets: deps.state.seed.buckets.map((b) => ({ name: b.name, region: b.region, owner: b.owner })),
    tokens: dynamic.tokens.map((t) => ({
      ...t,
      createdAt: iso(t.createdAt),
      expiresAt: iso(t.expiresAt),
      live: t.expiresAt > now,
    })),
    bindings: dynamic.bindings.map((b) => ({
      ...b,
      lastModified: iso(b.lastModified),
      certificate: b.certificate
        ? {
            ...b.certificate,
            creationDate: iso(b.certificate.creationDate),
            validStartDate: iso(b.certificate.validStartDate),
            validEndDate: iso(b.certificate.validEndDate),
          }
        : null,
    })),
    dns: deps.dns.entries(),
    faults: deps.faults.list(),
  };
}
