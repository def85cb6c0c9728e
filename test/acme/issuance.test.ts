import { createPublicKey, createPrivateKey as keyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateKey, type OrderRecord, runOrder, startOrder } from '../../src/acme/index.ts';
import { type AcmeFixture, startAcmeFixture, verifyChain, ZONE } from './fixture.ts';

let fx: AcmeFixture;
beforeAll(async () => {
  fx = await startAcmeFixture();
});
afterAll(() => fx?.close());

/** Every record goes through JSON between steps, as it does through the store. */
const viaJson = (record: OrderRecord): OrderRecord => JSON.parse(JSON.stringify(record)) as OrderRecord;

describe('issuance through a delegated _acme-challenge CNAME', () => {
  it.each([
    ['ec256', 'ec', undefined],
    ['rsa2048', 'rsa', 2048],
  ] as const)('issues a %s certificate signed by Pebble', async (keyType, asymmetric, bits) => {
    const domain = `img-${keyType}.example.com`;
    fx.delegate(domain);
    const ctx = await fx.context({ keyType });
    const record = viaJson(await startOrder(ctx, [domain]));
    expect(record.step).toBe('publish');
    expect(record.keyType).toBe(keyType);
    expect(record.challenges).toHaveLength(1);

    const keyPem = await createPrivateKey(keyType);
    const { record: done, certificate } = await runOrder(ctx, record, keyPem, { timeoutMs: 15_000 });

    expect(done.step).toBe('done');
    const leaf = verifyChain(certificate.certificatePem, fx.pebble.rootPem);
    expect(leaf.checkHost(domain)).toBe(domain);
    expect(leaf.publicKey.asymmetricKeyType).toBe(asymmetric);
    if (bits !== undefined) expect(leaf.publicKey.asymmetricKeyDetails?.modulusLength).toBe(bits);
    const pub = createPublicKey(keyObject(keyPem)).export({ type: 'spki', format: 'der' });
    expect(leaf.publicKey.export({ type: 'spki', format: 'der' })).toEqual(pub);
    expect(Date.parse(certificate.notAfter)).toBeGreaterThan(Date.now());
    // The TXT value is gone once validation is over.
    const label = record.challenges[0]?.label as string;
    expect(fx.dns.store.get(`${label}.${ZONE}`)).toEqual([]);
  });
});
