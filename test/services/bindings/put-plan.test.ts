import { describe, expect, it } from 'vitest';
import type { RequestedCertificate } from '../../../src/services/bindings/certificate-input.ts';
import { checkPreconditions } from '../../../src/services/bindings/preconditions.ts';
import { planPut } from '../../../src/services/bindings/put-plan.ts';
import { binding } from '../../helpers/cname-info.ts';

const cas = (certId: string): RequestedCertificate => ({ kind: 'cas', certId, warnings: [] });
const upload = (fingerprint: string): RequestedCertificate => ({
  kind: 'upload',
  certificatePem: 'CERT',
  privateKeyPem: 'KEY',
  fingerprint,
  info: {
    fingerprintSha1: fingerprint,
    subject: 'CN=www.example.com',
    issuer: 'CN=Test CA',
    sans: ['www.example.com'],
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2027-01-01T00:00:00.000Z',
    daysLeft: 300,
    keyType: 'rsa',
    keyBits: 2048,
    chainLength: 2,
  },
  warnings: [],
});

describe('planPut', () => {
  it('binds a new domain without a certificate', () => {
    expect(planPut(undefined, { certificate: undefined, force: false })).toEqual({
      call: true,
      created: true,
      certificate: undefined,
    });
  });

  it('binds a new domain with a certificate using Force (nothing bound to compare with)', () => {
    expect(planPut(undefined, { certificate: cas('1-cn-hangzhou'), force: false })).toEqual({
      call: true,
      created: true,
      certificate: { certId: '1-cn-hangzhou', previousCertId: undefined, force: true },
    });
  });

  it('does not call OSS when the binding exists and no certificate is asked', () => {
    expect(
      planPut(binding('a.example.com', { certId: '1-cn-hangzhou' }), { certificate: undefined, force: true }),
    ).toEqual({
      call: false,
      current: binding('a.example.com', { certId: '1-cn-hangzhou' }),
    });
  });

  it('does not call OSS for the same certId', () => {
    const current = binding('a.example.com', { certId: '1-cn-hangzhou' });
    expect(planPut(current, { certificate: cas('1-cn-hangzhou'), force: false }).call).toBe(false);
  });

  it('does not call OSS for an upload whose fingerprint equals the bound one (any case or separators)', () => {
    const current = binding('a.example.com', { certId: '9-cn-hangzhou', fingerprint: 'AB:CD:EF' });
    expect(planPut(current, { certificate: upload('ab:cd:ef'), force: false }).call).toBe(false);
    expect(planPut(current, { certificate: upload('ABCDEE'), force: false }).call).toBe(true);
  });

  it('replaces a certificate naming the one just read as PreviousCertId, never without it or Force', () => {
    const current = binding('a.example.com', { certId: '1-cn-hangzhou' });
    expect(planPut(current, { certificate: cas('2-cn-hangzhou'), force: false })).toEqual({
      call: true,
      created: false,
      certificate: { certId: '2-cn-hangzhou', previousCertId: '1-cn-hangzhou', force: undefined },
    });
  });

  it('adds Force when the caller asks for it', () => {
    const current = binding('a.example.com', { certId: '1-cn-hangzhou' });
    const plan = planPut(current, { certificate: upload('AA'), force: true });
    expect(plan).toEqual({
      call: true,
      created: false,
      certificate: { certificate: 'CERT', privateKey: 'KEY', previousCertId: '1-cn-hangzhou', force: true },
    });
  });

  it('attaches a first certificate to an existing binding with Force', () => {
    const plan = planPut(binding('a.example.com'), { certificate: cas('3-cn-hangzhou'), force: false });
    expect(plan).toEqual({
      call: true,
      created: false,
      certificate: { certId: '3-cn-hangzhou', previousCertId: undefined, force: true },
    });
  });
});

describe('preconditions', () => {
  const bound = binding('a.example.com', { certId: '1-cn-hangzhou' });
  const bare = binding('a.example.com');

  it('passes a matching If-Match, a list containing it, and *', () => {
    expect(() => checkPreconditions('a.example.com', bound, { ifMatch: '"1-cn-hangzhou"' })).not.toThrow();
    expect(() =>
      checkPreconditions('a.example.com', bound, { ifMatch: '"x", "1-cn-hangzhou"' }),
    ).not.toThrow();
    expect(() => checkPreconditions('a.example.com', bound, { ifMatch: '*' })).not.toThrow();
    expect(() => checkPreconditions('a.example.com', bare, { ifMatch: '"none"' })).not.toThrow();
  });

  it('fails a stale, weak or unquoted If-Match with 412 and the current ETag', () => {
    for (const ifMatch of ['"2-cn-hangzhou"', 'W/"1-cn-hangzhou"', '1-cn-hangzhou', '"none"']) {
      expect(() => checkPreconditions('a.example.com', bound, { ifMatch })).toThrow(
        expect.objectContaining({
          status: 412,
          code: 'precondition-failed',
          headers: { etag: '"1-cn-hangzhou"' },
        }),
      );
    }
  });

  it('fails any If-Match when nothing is bound', () => {
    expect(() => checkPreconditions('a.example.com', undefined, { ifMatch: '*' })).toThrow(
      expect.objectContaining({ status: 412, extensions: { currentEtag: null } }),
    );
  });

  it('If-None-Match: * allows only creation', () => {
    expect(() => checkPreconditions('a.example.com', undefined, { ifNoneMatch: '*' })).not.toThrow();
    expect(() => checkPreconditions('a.example.com', bare, { ifNoneMatch: '*' })).toThrow(
      expect.objectContaining({ status: 412 }),
    );
  });
});
