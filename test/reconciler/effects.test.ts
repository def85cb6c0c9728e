// How failures become observations, and rows surviving their JSON form with every date.
import { describe, expect, it } from 'vitest';
import { newDomainRow } from '../../src/domains/index.ts';
import { problem } from '../../src/errors/problem.ts';
import { failureObservation } from '../../src/reconciler/index.ts';
import { decodeRow, encodeRow } from '../../src/reconciler/row-codec.ts';

describe('failureObservation', () => {
  it('makes a terminal OSS refusal `refused`, keeping its code', () => {
    const seen = failureObservation(problem('domain-held-by-other-account', 'held elsewhere'));
    expect(seen).toEqual({
      kind: 'refused',
      error: { code: 'domain-held-by-other-account', detail: 'held elsewhere' },
    });
  });

  it('makes anything else a retried `error`, honouring Retry-After', () => {
    const throttled = problem('store-unavailable', 'later', { headers: { 'retry-after': '7' } });
    expect(failureObservation(throttled)).toEqual({
      kind: 'error',
      error: { code: 'store-unavailable', detail: 'later' },
      retryAfterMs: 7_000,
    });
    expect(failureObservation(new Error('socket hang up'))).toEqual({
      kind: 'error',
      error: { code: 'internal-error', detail: 'socket hang up' },
    });
  });
});

describe('row codec', () => {
  it('brings every date back as a Date, the lease and version from the columns', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const row = {
      ...newDomainRow({ bucket: 'b', domain: 'd.example.com', certificateMode: 'managed' }, now),
      token: { value: 't', expiresAt: new Date('2026-12-04T00:00:00Z') },
      lastCheckedAt: now,
      certificate: {
        ...newDomainRow({ bucket: 'b', domain: 'd', certificateMode: 'managed' }, now).certificate,
        status: 'active' as const,
        notBefore: now,
        notAfter: new Date('2027-03-01T00:00:00Z'),
        renewAfter: new Date('2027-01-30T00:00:00Z'),
        expiryWarned: [30],
      },
      leaseOwner: 'me',
      leaseExpiresAt: new Date('2026-12-01T00:02:00Z'),
      version: 7,
    };
    const back = decodeRow(encodeRow(row), {
      leaseOwner: 'me',
      leaseUntil: row.leaseExpiresAt.getTime(),
      version: 7,
    });
    expect(back).toEqual(row);
  });
});
