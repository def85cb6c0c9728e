import { describe, expect, it } from 'vitest';
import { createdEvents, ManagedDomain, toDomainResource, transition } from '../../src/domains/index.ts';
import { boundRow, DAY, drive, freshRow, HOUR, OPTIONS, T0, tokenObservation } from './rows.ts';

const at = (ms: number) => new Date(T0.getTime() + ms);

describe('pending_ownership → binding → bound', () => {
  it('starts due now and raises domain.created with the resource', () => {
    const row = freshRow();
    expect(row.nextCheckAt).toEqual(T0);
    const [event] = createdEvents(row, T0);
    expect(event?.type).toBe('domain.created');
    expect(ManagedDomain.parse(event?.data)).toEqual(event?.data);
    expect(event?.data.status).toBe('pending_ownership');
  });

  it('asks for a token first, then for the DNS check, without changing the row', () => {
    const row = freshRow();
    const due = transition(row, { kind: 'due' }, T0);
    expect(due.effects).toEqual([{ type: 'ensure_token', keep: null }]);
    expect(due.row).toBe(row);
    const token = transition(row, tokenObservation(), T0);
    expect(token.effects).toEqual([{ type: 'check_dns' }]);
    expect(token.events).toEqual([]);
    expect(token.row.dnsRecords.map((r) => [r.purpose, r.value])).toEqual([
      ['ownership', 'tok-1'],
      ['traffic', 'examplebucket.oss-cn-hangzhou.aliyuncs.com'],
    ]);
    expect(token.row.version).toBe(row.version + 1);
  });

  it('waits by the schedule while the TXT record is missing, saying why', () => {
    const { row } = drive(
      freshRow(),
      [tokenObservation(), { kind: 'dns', satisfied: { ownership: false } }],
      T0,
    );
    expect(row.status).toBe('pending_ownership');
    expect(row.attempts).toBe(1);
    expect(row.lastError?.code).toBe('ownership-txt-missing');
    expect(row.nextCheckAt).toEqual(at(60_000));
    const second = transition(row, { kind: 'dns', satisfied: { ownership: false } }, at(60_000)).row;
    expect(second.nextCheckAt).toEqual(at(60_000 + 63_000));
  });

  it('binds once the TXT record is visible, then is bound and ready without a certificate', () => {
    const seen = drive(
      freshRow(),
      [tokenObservation(), { kind: 'dns', satisfied: { ownership: true, traffic: false } }],
      T0,
    );
    expect(seen.row.status).toBe('binding');
    expect(seen.types).toEqual(['domain.ownership_verified']);
    expect(transition(seen.row, { kind: 'due' }, T0).effects).toEqual([
      { type: 'put_cname', previousCertId: null },
    ]);
    const bound = transition(seen.row, { kind: 'bound', certificate: null }, T0);
    expect(bound.row.status).toBe('bound');
    expect(bound.events.map((e) => e.type)).toEqual(['domain.bound', 'domain.ready']);
    expect(bound.events[1]?.data.ready).toBe(true);
    expect(bound.row.nextCheckAt).toEqual(at(OPTIONS.watchIntervalMs));
  });

  it('a managed domain is bound but not ready until its certificate is issued', () => {
    const row = drive(
      freshRow('managed'),
      [tokenObservation(), { kind: 'dns', satisfied: { ownership: true } }],
      T0,
    ).row;
    const bound = transition(row, { kind: 'bound', certificate: null }, T0);
    expect(bound.events.map((e) => e.type)).toEqual(['domain.bound']);
    expect(bound.effects).toEqual([{ type: 'issue_certificate' }]);
    expect(toDomainResource(bound.row, T0).ready).toBe(false);
  });

  it('refreshes the token before its 72 h expiry, keeping it while OSS still has it', () => {
    const row = drive(
      freshRow(),
      [tokenObservation(), { kind: 'dns', satisfied: { ownership: false } }],
      T0,
    ).row;
    expect(transition(row, { kind: 'due' }, at(59 * HOUR)).effects).toEqual([{ type: 'check_dns' }]);
    expect(transition(row, { kind: 'due' }, at(61 * HOUR)).effects).toEqual([
      { type: 'ensure_token', keep: 'tok-1' },
    ]);
    const same = transition(row, tokenObservation('tok-1', at(133 * HOUR)), at(61 * HOUR)).row;
    expect(same.dnsRecords.find((r) => r.purpose === 'ownership')?.value).toBe('tok-1');
    const fresh = transition(row, tokenObservation('tok-2', at(133 * HOUR)), at(61 * HOUR)).row;
    expect(fresh.dnsRecords.find((r) => r.purpose === 'ownership')).toMatchObject({
      value: 'tok-2',
      satisfied: false,
    });
  });

  it('wakes up in time to refresh the token even when the schedule waits longer', () => {
    let row = drive(freshRow(), [tokenObservation('tok-1', at(13 * HOUR))], T0).row;
    row = { ...row, attempts: 50 };
    const next = transition(row, { kind: 'dns', satisfied: { ownership: false } }, T0).row;
    expect(next.nextCheckAt).toEqual(at(HOUR));
  });
});

describe('stalled', () => {
  const missing = { kind: 'dns', satisfied: { ownership: false } } as const;

  it('stalls after the schedule runs out, raising domain.stalled once and checking daily', () => {
    let row = drive(freshRow(), [tokenObservation('tok-1', null as unknown as Date)], T0).row;
    row = { ...row, token: { value: 'tok-1', expiresAt: null } };
    const types: string[] = [];
    let now = T0;
    for (let i = 0; i < OPTIONS.maxAttempts + 3; i++) {
      const r = transition(row, missing, now);
      types.push(...r.events.map((e) => e.type));
      row = r.row;
      now = row.nextCheckAt ?? now;
    }
    expect(row.status).toBe('stalled');
    expect(types).toEqual(['domain.stalled']);
    expect(row.nextCheckAt?.getTime()).toBe((row.lastCheckedAt?.getTime() ?? 0) + DAY);
  });

  it('is re-armed by check with the same token, and a late TXT still binds it', () => {
    const stalled = {
      ...drive(freshRow(), [tokenObservation()], T0).row,
      status: 'stalled' as const,
      attempts: 75,
    };
    const later = at(48 * HOUR);
    const checked = transition(stalled, { kind: 'check' }, later).row;
    expect(checked).toMatchObject({
      status: 'pending_ownership',
      attempts: 0,
      nextCheckAt: later,
      token: stalled.token,
    });
    expect(transition(checked, { kind: 'due' }, later).effects).toEqual([{ type: 'check_dns' }]);
    const daily = drive(stalled, [{ kind: 'dns', satisfied: { ownership: true } }], later);
    expect(daily.row.status).toBe('binding');
    expect(daily.types).toEqual(['domain.ownership_verified']);
  });

  it('a stalled or bound domain is never removed without a DELETE', () => {
    const stalled = { ...boundRow(), status: 'stalled' as const };
    for (const o of [{ kind: 'due' }, { kind: 'unbound' }, { kind: 'check' }] as const) {
      expect(transition(stalled, o, at(400 * DAY)).effects).not.toContainEqual({ type: 'remove' });
    }
  });
});

describe('failed and deleting', () => {
  it('fails on a terminal refusal with its problem code and stops checking', () => {
    const refused = { code: 'domain-held-by-another-account', detail: 'Another account holds it.' };
    const r = transition(freshRow(), { kind: 'refused', error: refused }, T0);
    expect(r.row).toMatchObject({ status: 'failed', lastError: refused, nextCheckAt: null });
    expect(r.events.map((e) => e.type)).toEqual(['domain.failed']);
    expect(r.events[0]?.data.checks.lastError).toEqual(refused);
    expect(transition(r.row, { kind: 'due' }, T0).effects).toEqual([]);
    expect(transition(r.row, { kind: 'error', error: refused }, T0).row).toBe(r.row);
  });

  it('unbinds on delete, then is removed with domain.deleted', () => {
    const deleting = transition(boundRow(), { kind: 'delete' }, T0);
    expect(deleting.row.status).toBe('deleting');
    expect(deleting.events).toEqual([]);
    expect(transition(deleting.row, { kind: 'due' }, T0).effects).toEqual([{ type: 'unbind' }]);
    const failing = transition(
      deleting.row,
      { kind: 'error', error: { code: 'oss-unavailable', detail: '' } },
      T0,
    );
    expect(failing.row.status).toBe('deleting');
    const removed = transition(deleting.row, { kind: 'unbound' }, T0);
    expect(removed.effects).toEqual([{ type: 'remove' }]);
    expect(removed.events.map((e) => [e.type, e.data.status])).toEqual([['domain.deleted', 'deleting']]);
  });

  it('ignores late results of work that a delete overtook', () => {
    const deleting = transition(freshRow(), { kind: 'delete' }, T0).row;
    for (const o of [
      tokenObservation(),
      { kind: 'bound', certificate: null },
      { kind: 'dns', satisfied: { ownership: true } },
    ] as const) {
      expect(transition(deleting, o, T0).row).toBe(deleting);
    }
  });

  it('after bound, transient errors back off but never stall', () => {
    let row = boundRow();
    for (let i = 0; i < 100; i++)
      row = transition(
        row,
        { kind: 'error', error: { code: 'oss-unavailable', detail: '' }, retryAfterMs: 10 },
        T0,
      ).row;
    expect(row.status).toBe('bound');
    expect(row.nextCheckAt).toEqual(at(OPTIONS.maxDelayMs));
  });
});
