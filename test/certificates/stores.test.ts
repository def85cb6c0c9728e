// The durable ACME state on both engines: one account per directory whoever stores first, keys sealed at
// rest, orders and certificates per domain.

import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { OrderRecord } from '../../src/acme/index.ts';
import { certificateStore, storeAccountStore } from '../../src/certificates/index.ts';
import { createSealer } from '../../src/secrets/index.ts';
import { describeEachEngine } from '../store/helpers/engines.ts';

const sealer = createSealer([randomBytes(32)]);
const DIR = 'https://ca.example/dir';

const record = (step: OrderRecord['step']): OrderRecord => ({
  version: 1,
  directoryUrl: DIR,
  accountUrl: `${DIR}/acct/1`,
  domains: ['img.example.com'],
  keyType: 'ec256',
  step,
  orderUrl: `${DIR}/order/1`,
  finalizeUrl: `${DIR}/finalize/1`,
  challenges: [],
  createdAt: new Date(0).toISOString(),
});

describeEachEngine('ACME account store', (engine) => {
  it('keeps the first key stored for a directory, sealed, and its account URL', async () => {
    const settings = await engine.freshSettings();
    const [a, b] = [await engine.open(settings), await engine.open(settings)];
    const [storeA, storeB] = [storeAccountStore(a, sealer), storeAccountStore(b, sealer)];
    expect(await storeA.load(DIR)).toBeUndefined();
    const [first, second] = await Promise.all([
      storeA.saveIfAbsent(DIR, { keyPem: 'KEY-A' }),
      storeB.saveIfAbsent(DIR, { keyPem: 'KEY-B' }),
    ]);
    expect(second).toEqual(first);
    expect(['KEY-A', 'KEY-B']).toContain(first.keyPem);
    await storeB.setAccountUrl(DIR, `${DIR}/acct/7`);
    expect(await storeA.load(DIR)).toEqual({ keyPem: first.keyPem, accountUrl: `${DIR}/acct/7` });
    const [raw] = await a.query<{ key_sealed: string }>('SELECT key_sealed FROM acme_accounts');
    expect(raw?.key_sealed).not.toContain('KEY-');
    expect(await storeA.loadLimits(DIR)).toEqual({});
    await storeA.saveLimits(DIR, { account: [1, 2] });
    expect(await storeB.loadLimits(DIR)).toEqual({ account: [1, 2] });
  });
});

describeEachEngine('certificate store', (engine) => {
  it('keeps an order with its sealed key, then the issued certificate, and forgets both', async () => {
    const db = await engine.freshStore();
    const certs = certificateStore(db, sealer);
    expect(await certs.loadOrder('b', 'img.example.com')).toBeUndefined();
    await certs.saveOrder('b', 'img.example.com', {
      effect: 'issue',
      record: record('publish'),
      keyPem: 'PK1',
    });
    await certs.saveOrder('b', 'img.example.com', { effect: 'issue', record: record('poll'), keyPem: 'PK1' });
    expect(await certs.loadOrder('b', 'img.example.com')).toEqual({
      effect: 'issue',
      record: record('poll'),
      keyPem: 'PK1',
    });
    const [raw] = await db.query<{ key_sealed: string }>('SELECT key_sealed FROM certificate_orders');
    expect(raw?.key_sealed).not.toContain('PK1');

    const notBefore = new Date('2026-01-01T00:00:00Z');
    const notAfter = new Date('2026-04-01T00:00:00Z');
    await certs.saveIssued('b', 'img.example.com', {
      certificatePem: 'PEM',
      keyPem: 'PK1',
      notBefore,
      notAfter,
    });
    expect(await certs.loadOrder('b', 'img.example.com')).toBeUndefined();
    expect(await certs.loadCertificate('b', 'img.example.com')).toEqual({
      certificatePem: 'PEM',
      keyPem: 'PK1',
      notBefore,
      notAfter,
    });
    // A sealed key moved to another domain's row does not open.
    await db.run("UPDATE certificates SET domain = 'other.example.com'");
    await expect(certs.loadCertificate('b', 'other.example.com')).rejects.toThrow(/did not open/);

    await certs.forget('b', 'other.example.com');
    expect(await certs.loadCertificate('b', 'other.example.com')).toBeUndefined();
  });

  it('creates the challenge label secret once', async () => {
    const db = await engine.freshStore();
    const first = await certificateStore(db, sealer).labelSecret(() => 'one');
    const again = await certificateStore(db, sealer).labelSecret(() => 'two');
    expect([first, again]).toEqual(['one', 'one']);
  });
});
