import { describe, expect, it } from 'vitest';
import { crossedWarnings, toDomainResource, transition } from '../../src/domains/index.ts';
import { boundRow, DAY, drive, ISSUED, OPTIONS, T0 } from './rows.ts';

const at = (ms: number) => new Date(T0.getTime() + ms);

function activeRow() {
  return drive(boundRow('managed'), [{ kind: 'certificate', step: 'ordered' }, ISSUED(T0)], T0).row;
}

describe('certificate slot', () => {
  it('goes pending_challenge → issuing → active, raising certificate_issued then ready', () => {
    const ordered = transition(boundRow('managed'), { kind: 'certificate', step: 'ordered' }, T0);
    expect(ordered.row.certificate.status).toBe('pending_challenge');
    const validated = transition(ordered.row, { kind: 'certificate', step: 'validated' }, T0);
    expect(validated.row.certificate.status).toBe('issuing');
    const issued = transition(validated.row, ISSUED(T0), T0);
    expect(issued.row.certificate.status).toBe('active');
    expect(issued.events.map((e) => e.type)).toEqual(['domain.certificate_issued', 'domain.ready']);
    expect(issued.events[1]?.data).toMatchObject({
      ready: true,
      certificate: { status: 'active', fingerprint: 'AA:BB:CC' },
    });
  });

  it('asks for a renewal once renewAfter has come', () => {
    const row = activeRow();
    expect(transition(row, { kind: 'due' }, at(59 * DAY)).effects).toEqual([{ type: 'observe_binding' }]);
    expect(transition(row, { kind: 'due' }, at(61 * DAY)).effects).toEqual([
      { type: 'observe_binding' },
      { type: 'renew_certificate' },
    ]);
    expect(row.nextCheckAt).toEqual(at(OPTIONS.watchIntervalMs));
  });

  it('renewing → active raises certificate_renewed; renewing → renew_failed raises one event per renewal', () => {
    const renewing = transition(activeRow(), { kind: 'certificate', step: 'ordered' }, at(61 * DAY)).row;
    expect(renewing.certificate.status).toBe('renewing');
    const fail = {
      kind: 'certificate',
      step: 'failed',
      error: { code: 'acme-rate-limited', detail: '' },
      terminal: false,
    } as const;
    const failed = drive(
      renewing,
      [fail, { kind: 'certificate', step: 'ordered' }, fail, fail],
      at(61 * DAY),
    );
    expect(failed.row.certificate.status).toBe('renew_failed');
    expect(failed.types).toEqual(['domain.certificate_renewal_failed']);
    expect(failed.row.status).toBe('bound');
    const renewed = transition(
      failed.row,
      { ...ISSUED(at(62 * DAY)), certificate: { ...ISSUED(at(62 * DAY)).certificate, fingerprint: 'DD:EE' } },
      at(62 * DAY),
    );
    expect(renewed.events.map((e) => e.type)).toEqual(['domain.certificate_renewed']);
    expect(renewed.row.certificate).toMatchObject({ status: 'active', lastError: null, expiryWarned: [] });
  });

  it('a terminal first-issue failure marks the certificate failed; check re-arms it', () => {
    const failed = transition(
      boundRow('managed'),
      { kind: 'certificate', step: 'failed', error: { code: 'caa-forbids', detail: '' }, terminal: true },
      T0,
    );
    expect(failed.row.certificate).toMatchObject({ status: 'failed', lastError: { code: 'caa-forbids' } });
    expect(failed.events).toEqual([]);
    expect(transition(failed.row, { kind: 'due' }, T0).effects).toEqual([{ type: 'observe_binding' }]);
    const checked = transition(failed.row, { kind: 'check' }, T0).row;
    expect(transition(checked, { kind: 'due' }, T0).effects).toContainEqual({ type: 'issue_certificate' });
  });

  it('marks a certificate expired past notAfter, and the domain is no longer ready', () => {
    const row = activeRow();
    const late = at(91 * DAY);
    const r = transition(row, { kind: 'due' }, late);
    expect(r.row.certificate.status).toBe('expired');
    expect(toDomainResource(r.row, late).ready).toBe(false);
    expect(r.effects).toContainEqual({ type: 'renew_certificate' });
  });
});

describe('expiry watch', () => {
  it('raises certificate_expiring at 30, 14, 7 and 3 days, each once', () => {
    let row = activeRow();
    const raised: number[] = [];
    for (let day = 0; day < 90; day += 0.25) {
      const now = at(day * DAY);
      const r = transition(
        row,
        { kind: 'binding', present: true, certificate: { certId: null, fingerprint: 'AA:BB:CC' } },
        now,
      );
      for (const e of r.events) if (e.type === 'domain.certificate_expiring') raised.push(90 - day);
      row = r.row;
    }
    expect(raised).toEqual([30, 14, 7, 3]);
  });

  it('raises only the nearest threshold when it looks late', () => {
    const r = transition(activeRow(), { kind: 'due' }, at(85 * DAY));
    expect(r.events.map((e) => e.type)).toEqual(['domain.certificate_expiring']);
    expect(r.row.certificate.expiryWarned).toEqual([30, 14, 7]);
    expect(crossedWarnings(at(90 * DAY), [], at(85 * DAY))).toEqual([30, 14, 7]);
  });

  it('plans the next look no later than the next threshold', () => {
    const row = transition(
      activeRow(),
      { kind: 'binding', present: true, certificate: { certId: null, fingerprint: 'AA:BB:CC' } },
      at(59.99 * DAY),
    ).row;
    expect(row.nextCheckAt).toEqual(at(60 * DAY));
  });
});

describe('drift after bound', () => {
  it('a binding removed behind our back raises domain.drifted and is re-bound', () => {
    const gone = transition(boundRow(), { kind: 'binding', present: false, certificate: null }, T0);
    expect(gone.row).toMatchObject({ status: 'binding', drift: 'binding-removed' });
    expect(gone.events.map((e) => e.type)).toEqual(['domain.drifted']);
    expect(gone.effects).toEqual([{ type: 'put_cname', previousCertId: null }]);
    const repaired = transition(gone.row, { kind: 'bound', certificate: null }, T0);
    expect(repaired.row).toMatchObject({ status: 'bound', drift: null, lastError: null });
  });

  it('a managed certificate re-bound without its certificate is attached again', () => {
    const gone = transition(activeRow(), { kind: 'binding', present: false, certificate: null }, T0).row;
    expect(transition(gone, { kind: 'bound', certificate: null }, T0).effects).toContainEqual({
      type: 'attach_certificate',
      certId: null,
    });
  });

  it('a certificate replaced behind our back raises domain.drifted once and is put back', () => {
    const seen = {
      kind: 'binding',
      present: true,
      certificate: { certId: 'x-cn-hangzhou', fingerprint: '11:22' },
    } as const;
    const drifted = drive(activeRow(), [seen, seen], T0);
    expect(drifted.types).toEqual(['domain.drifted']);
    expect(drifted.row.drift).toBe('certificate-replaced');
    expect(transition(drifted.row, seen, T0).effects).toEqual([{ type: 'attach_certificate', certId: null }]);
    const fixed = transition(
      drifted.row,
      { kind: 'binding', present: true, certificate: { certId: null, fingerprint: 'aa:bb:cc' } },
      T0,
    );
    expect(fixed.row).toMatchObject({ drift: null, lastError: null });
    expect(fixed.events).toEqual([]);
  });

  it('a binding that matches raises nothing', () => {
    const row = boundRow();
    const r = transition(row, { kind: 'binding', present: true, certificate: null }, T0);
    expect(r.events).toEqual([]);
  });
});

describe('repairs name the right certificate', () => {
  it('re-binding after a removed binding sends no PreviousCertId, even on a later pass', () => {
    const gone = transition(activeRow(), { kind: 'binding', present: false, certificate: null }, T0).row;
    const failed = transition(
      gone,
      { kind: 'error', error: { code: 'oss-unavailable', detail: '' } },
      T0,
    ).row;
    expect(transition(failed, { kind: 'due' }, at(DAY)).effects).toEqual([
      { type: 'put_cname', previousCertId: null },
    ]);
  });

  it('a replaced certificate counts as repaired when ours is attached again', () => {
    const seen = {
      kind: 'binding',
      present: true,
      certificate: { certId: 'x', fingerprint: '11:22' },
    } as const;
    const drifted = transition(activeRow(), seen, T0).row;
    expect(transition(drifted, ISSUED(T0), T0).row).toMatchObject({ drift: null, lastError: null });
    expect(
      transition(drifted, { kind: 'bound', certificate: { certId: 'ours', fingerprint: 'AA:BB:CC' } }, T0)
        .row,
    ).toMatchObject({
      drift: null,
      lastError: null,
      status: 'bound',
    });
  });
});
