// Rows and a driver for the transition tests: a fixed clock moved by hand, observations applied in turn.
import {
  type DnsRecordRow,
  type DomainEvent,
  type DomainRow,
  newDomainRow,
  type Observation,
  type ReconcileOptions,
  reconcileOptionsSchema,
  transition,
} from '../../src/domains/index.ts';

export const T0 = new Date('2026-01-01T00:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const OPTIONS: ReconcileOptions = reconcileOptionsSchema.parse({});

export const TRAFFIC: DnsRecordRow = {
  purpose: 'traffic',
  type: 'CNAME',
  name: 'shop.example.com',
  zone: 'example.com',
  host: 'shop',
  value: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
  satisfied: false,
};

export const TOKEN_RECORD = {
  type: 'TXT' as const,
  name: '_dnsauth.shop.example.com',
  zone: 'example.com',
  host: '_dnsauth.shop',
};

export function freshRow(mode: 'managed' | 'none' = 'none', now = T0): DomainRow {
  return newDomainRow(
    { bucket: 'examplebucket', domain: 'shop.example.com', certificateMode: mode, dnsRecords: [TRAFFIC] },
    now,
  );
}

export function tokenObservation(
  token = 'tok-1',
  expiresAt = new Date(T0.getTime() + 72 * HOUR),
): Observation {
  return { kind: 'token', token, expiresAt, record: { ...TOKEN_RECORD, value: token } };
}

/** Applies observations in turn at `now`, collecting every event type. */
export function drive(row: DomainRow, observations: Observation[], now: Date, options = OPTIONS) {
  let current = row;
  const events: DomainEvent[] = [];
  for (const o of observations) {
    const result = transition(current, o, now, options);
    current = result.row;
    events.push(...result.events);
  }
  return { row: current, events, types: events.map((e) => e.type) };
}

export const ISSUED = (now: Date, days = 90) => ({
  kind: 'certificate' as const,
  step: 'issued' as const,
  certificate: {
    notBefore: now,
    notAfter: new Date(now.getTime() + days * DAY),
    fingerprint: 'AA:BB:CC',
    renewAfter: new Date(now.getTime() + (days * 2 * DAY) / 3),
    certId: null,
  },
});

/** A domain bound without a certificate, at T0. */
export function boundRow(mode: 'managed' | 'none' = 'none'): DomainRow {
  return drive(
    freshRow(mode),
    [
      tokenObservation(),
      { kind: 'dns', satisfied: { ownership: true } },
      { kind: 'bound', certificate: null },
    ],
    T0,
  ).row;
}
