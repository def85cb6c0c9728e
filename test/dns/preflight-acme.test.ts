// The managed-certificate checks of the pre-flight: the `_acme-challenge` delegation CNAME and TXT
// records in its way, in the report only when asked, and alone for the reconciler.

import { afterEach, describe, expect, it } from 'vitest';
import { createAcmeChallengeCheck, PREFLIGHT_CHECK_IDS } from '../../src/dns/preflight.ts';
import { check, type DnsPair, startPair, TARGET, TOKEN } from './preflight-fixture.ts';

const LABEL = '0123456789abcdef0123456789abcdef.acme.example.net';
const NAME = '_acme-challenge.img.example.com';
let pair: DnsPair;
afterEach(() => pair.close());

function ready(p: DnsPair): void {
  p.auth.store.set('img.example.com', { type: 'CNAME', values: [TARGET], ttl: 600 });
  p.auth.store.set('_dnsauth.img.example.com', { type: 'TXT', values: [TOKEN], ttl: 300 });
}

describe('DNS pre-flight: ACME challenge delegation', () => {
  it('is left out of the report unless asked for', async () => {
    pair = await startPair();
    ready(pair);
    const report = await pair.preflight();
    expect(report.checks.map((c) => c.id)).toEqual([...PREFLIGHT_CHECK_IDS]);
  });

  it('fails a missing CNAME, saying which record to add, then passes once it is there', async () => {
    pair = await startPair();
    ready(pair);
    const missing = await pair.preflight({ acmeChallenge: { cnameValue: LABEL } });
    expect(missing.verdict).toBe('fail');
    const cname = check(missing, 'acme-challenge-cname');
    expect(cname.status).toBe('fail');
    expect(cname.fix).toBe(`Add the record ${NAME} CNAME ${LABEL} (once; it serves every renewal).`);
    expect(check(missing, 'acme-challenge-txt').status).toBe('pass');

    pair.auth.store.set(NAME, { type: 'CNAME', values: [LABEL], ttl: 300 });
    const fixed = await pair.preflight({ acmeChallenge: { cnameValue: LABEL } }, { cacheTtlMs: 0 });
    expect(check(fixed, 'acme-challenge-cname')).toMatchObject({ status: 'pass', ttl: 300 });
    expect(fixed.verdict).toBe('pass');
  });

  it('fails a CNAME pointing elsewhere and a TXT of its own at the name', async () => {
    pair = await startPair();
    const run = createAcmeChallengeCheck({
      resolvers: [pair.resolver.address],
      timeoutMs: 1000,
      cacheTtlMs: 0,
    });
    pair.auth.store.set(NAME, { type: 'CNAME', values: ['old.acme.other.org'], ttl: 60 });
    const [wrong] = await run('img.example.com', LABEL);
    expect(wrong).toMatchObject({
      id: 'acme-challenge-cname',
      status: 'fail',
      observed: { cname: ['old.acme.other.org'] },
    });
    expect(wrong?.fix).toContain(`Change ${NAME} to CNAME ${LABEL}`);

    pair.auth.store.delete(NAME, 'CNAME');
    pair.auth.store.set(NAME, { type: 'TXT', values: ['left-by-certbot'], ttl: 60 });
    const [, txt] = await run('img.example.com', LABEL);
    expect(txt).toMatchObject({
      id: 'acme-challenge-txt',
      status: 'fail',
      observed: { txt: ['left-by-certbot'] },
    });
    expect(txt?.fix).toContain(`Delete the TXT records at ${NAME}`);
  });

  it('reports pending when no resolver answers', async () => {
    pair = await startPair();
    const run = createAcmeChallengeCheck({ resolvers: [{ host: '127.0.0.1', port: 9 }], timeoutMs: 200 });
    const checks = await run('img.example.com', LABEL);
    expect(checks.map((c) => c.status)).toEqual(['pending', 'pending']);
  });
});
