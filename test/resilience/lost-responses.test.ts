// OSS acts on a write but its answer never arrives (the emulator's `when: "after"` faults): the change must
// happen exactly once — one binding, one certificate upload — and the caller must get the answer for the
// change it asked for, never a spurious 412 from the retry tripping over its own first attempt, nor a 5xx
// for a change that is in place.

import { X509Certificate } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultInput } from '../../src/emulator/index.ts';
import { putCname as putCnameOp } from '../../src/oss/index.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { BUCKET, type FaultStack, startFaultStack } from './helpers/fault-stack.ts';
import { DOMAIN } from './helpers/op-cases.ts';

const URL = `/buckets/${BUCKET}/cnames/${DOMAIN}`;
const LOST_500: Omit<FaultInput, 'op'> = { kind: 'status', status: 500, when: 'after' };
const LOST: Array<[string, Omit<FaultInput, 'op'>]> = [
  ['a 500', LOST_500],
  ['a reset connection', { kind: 'reset', when: 'after' }],
  ['no response', { kind: 'hang', when: 'after' }],
];

let first = { certificate: '', privateKey: '' };
let second = { certificate: '', privateKey: '' };
let s: FaultStack;

beforeAll(async () => {
  const [a, b] = await Promise.all([
    makeCertificate({ sans: [DOMAIN] }),
    makeCertificate({ sans: [DOMAIN], keyName: 'rotated' }),
  ]);
  first = { certificate: a.chainPem, privateKey: a.privateKeyPem };
  second = { certificate: b.chainPem, privateKey: b.privateKeyPem };
});
beforeEach(async () => {
  s = await startFaultStack();
});
afterEach(() => s.close());

const bindings = () => s.emulator.state().bindings.filter((b) => b.domain === DOMAIN);
const putCname = () => s.attemptsOf('PutCname');
const certNumber = () => Number(bindings()[0]?.certificate?.certId.split('-')[0]);
const fingerprintOf = (pem: string) => new X509Certificate(pem).fingerprint;
const loseNext = (op: string, fault: Omit<FaultInput, 'op'>, count = 1) =>
  s.emulator.addFault({ op, ...fault, count } as FaultInput);

describe('binding', () => {
  it.each(LOST)(
    'the bind lands, %s hides it: the retry finds it bound, 201, one binding',
    async (_n, fault) => {
      await s.prove(DOMAIN);
      loseNext('PutCname', fault);
      const res = await s.request('PUT', URL);
      expect(res.statusCode, res.body).toBe(201);
      expect(bindings()).toHaveLength(1);
      expect(putCname()).toHaveLength(2);
    },
  );

  it('every answer lost: OSS is asked whether the bind landed, and it did: 201', async () => {
    await s.prove(DOMAIN);
    loseNext('PutCname', LOST_500, 3);
    const res = await s.request('PUT', URL);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ domain: DOMAIN, certificate: null });
    expect(bindings()).toHaveLength(1);
  });

  it('every attempt refused before OSS acted: still the 502, not a made-up success', async () => {
    await s.prove(DOMAIN);
    loseNext('PutCname', { kind: 'status', status: 500 }, 3);
    const res = await s.request('PUT', URL);
    expect(res.statusCode).toBe(502);
    expect(bindings()).toHaveLength(0);
  });
});

describe('ownership token', () => {
  it.each(LOST)(
    'CreateCnameToken lands, %s hides it: 201 with the one token OSS holds',
    async (_n, fault) => {
      loseNext('CreateCnameToken', fault);
      const res = await s.request('POST', `/buckets/${BUCKET}/cname-tokens`, { domain: DOMAIN });
      expect(res.statusCode, res.body).toBe(201);
      const tokens = s.emulator.state().tokens.filter((t) => t.domain === DOMAIN);
      expect(tokens.map((t) => t.token)).toEqual([res.json().token]);
    },
  );
});

describe('certificate rotation', () => {
  beforeEach(async () => {
    await s.prove(DOMAIN);
    const bound = await s.request('PUT', URL, { certificate: first });
    expect(bound.statusCode, bound.body).toBe(201);
    s.attempts.length = 0;
  });

  it.each(LOST)(
    'with PreviousCertId, lands, %s hides it: 200 with the new certificate, not a 412',
    async (_n, fault) => {
      const before = certNumber();
      loseNext('PutCname', fault);
      const res = await s.request('PUT', URL, { certificate: second });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().certificate.fingerprint).toBe(fingerprintOf(second.certificate));
      // The repeat was refused by OSS's PreviousCertId check: uploaded once.
      expect(putCname().map((a) => a.status)).toEqual([fault.kind === 'status' ? 500 : undefined, 400]);
      expect(certNumber()).toBe(before + 1);
    },
  );

  it('with If-Match, lands, its answer lost: 200, rotated once', async () => {
    const etag = bindings()[0]?.certificate?.certId;
    const before = certNumber();
    loseNext('PutCname', { kind: 'status', status: 503, when: 'after' });
    const res = await s.request('PUT', URL, { certificate: second }, { 'if-match': `"${etag}"` });
    expect(res.statusCode, res.body).toBe(200);
    expect(certNumber()).toBe(before + 1);
  });

  it('a CAS certificate id, lands, its answer lost: 200 with that id', async () => {
    await s.request('PUT', URL, { certificate: { certId: '1001-cn-hangzhou' } });
    loseNext('PutCname', { kind: 'status', status: 500, when: 'after' });
    const res = await s.request('PUT', URL, { certificate: { certId: '1002-cn-hangzhou' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(bindings()[0]?.certificate?.certId).toBe('1002-cn-hangzhou');
  });

  it('a real conflict still answers 412: another writer put a different certificate', async () => {
    const other = { certId: '1001-cn-hangzhou', force: true };
    s.beforeNext('PutCname', async () => {
      await s.setup.invoke(putCnameOp, { bucket: BUCKET, domain: DOMAIN, certificate: other });
    });
    const res = await s.request('PUT', URL, { certificate: second });
    expect(res.statusCode, res.body).toBe(412);
    expect(bindings()[0]?.certificate?.certId).toBe('1001-cn-hangzhou');
  });

  it('removing the certificate lands, every answer lost: 204, none bound', async () => {
    loseNext('PutCname', { kind: 'status', status: 500, when: 'after' }, 3);
    const res = await s.request('DELETE', `${URL}/certificate`);
    expect(res.statusCode, res.body).toBe(204);
    expect(bindings()[0]?.certificate).toBeNull();
  });
});

describe('first certificate (sent with Force, so never repeated after an ambiguous failure)', () => {
  beforeEach(() => s.bind(DOMAIN));

  it.each(LOST)('lands, %s hides it: one attempt, attached once, 200', async (_n, fault) => {
    loseNext('PutCname', fault);
    const res = await s.request('PUT', URL, { certificate: first });
    expect(res.statusCode, res.body).toBe(200);
    expect(putCname()).toHaveLength(1);
    expect(res.json().certificate.fingerprint).toBe(fingerprintOf(first.certificate));
    expect(certNumber()).toBe(20_000_001);
  });

  it('refused before it landed: one attempt, nothing attached, the 502 stands', async () => {
    loseNext('PutCname', { kind: 'status', status: 500 });
    const res = await s.request('PUT', URL, { certificate: first });
    expect(res.statusCode).toBe(502);
    expect(putCname()).toHaveLength(1);
    expect(bindings()[0]?.certificate).toBeNull();
  });
});

describe('unbinding', () => {
  beforeEach(() => s.bind(DOMAIN));

  it.each(LOST)('DeleteCname lands, %s hides it: 204, unbound', async (_n, fault) => {
    loseNext('DeleteCname', fault);
    const res = await s.request('DELETE', URL);
    expect(res.statusCode, res.body).toBe(204);
    expect(bindings()).toHaveLength(0);
  });

  it('every answer lost: OSS is asked, the domain is gone: 204', async () => {
    loseNext('DeleteCname', { kind: 'status', status: 500, when: 'after' }, 3);
    const res = await s.request('DELETE', URL);
    expect(res.statusCode, res.body).toBe(204);
    expect(bindings()).toHaveLength(0);
  });
});
