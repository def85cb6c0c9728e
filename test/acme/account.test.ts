import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AcmeAccountStore,
  AcmeError,
  createPrivateKey,
  memoryAccountStore,
  openAccount,
  runOrder,
  startOrder,
} from '../../src/acme/index.ts';
import { type AcmeFixture, startAcmeFixture } from './fixture.ts';

/** The real memory store, counting the writes that reach it. */
function countingStore(inner: AcmeAccountStore = memoryAccountStore()) {
  const writes = { saveIfAbsent: 0, setAccountUrl: 0 };
  const store: AcmeAccountStore = {
    load: (url) => inner.load(url),
    saveIfAbsent: (url, account) => {
      writes.saveIfAbsent++;
      return inner.saveIfAbsent(url, account);
    },
    setAccountUrl: (url, accountUrl) => {
      writes.setAccountUrl++;
      return inner.setAccountUrl(url, accountUrl);
    },
  };
  return { store, writes };
}

describe('one ACME account per directory, shared through the store', () => {
  let fx: AcmeFixture;
  beforeAll(async () => {
    fx = await startAcmeFixture();
  });
  afterAll(() => fx?.close());

  it('a second open reuses the stored key and URL without registering again', async () => {
    const { store, writes } = countingStore();
    const first = await openAccount(fx.settings(), store);
    const second = await openAccount(fx.settings(), store);
    expect(second.accountUrl).toBe(first.accountUrl);
    expect(writes).toEqual({ saveIfAbsent: 1, setAccountUrl: 1 });
    const stored = await store.load(fx.pebble.directoryUrl);
    expect(stored?.accountUrl).toBe(first.accountUrl);
    expect(stored?.keyPem).toContain('PRIVATE KEY');
  });

  it('two replicas opening at once end up with the one account, and either can issue', async () => {
    const shared = memoryAccountStore();
    const [a, b] = await Promise.all([
      openAccount(fx.settings(), shared),
      openAccount(fx.settings(), shared),
    ]);
    expect(a.accountUrl).toBe(b.accountUrl);
    const domain = 'replicas.example.com';
    fx.delegate(domain);
    const ctxA = await fx.context({ store: shared });
    const ctxB = await fx.context({ store: shared });
    // Replica A starts the order, replica B (same account) finishes it from the JSON record.
    const record = JSON.parse(JSON.stringify(await startOrder(ctxA, [domain])));
    const { certificate } = await runOrder(ctxB, record, await createPrivateKey(), { timeoutMs: 15_000 });
    expect(certificate.certificatePem).toContain('BEGIN CERTIFICATE');
  });

  it('trusts ACME_CA_FILE for the directory only, never for the rest of the process', async () => {
    const account = await openAccount(fx.settings(), memoryAccountStore());
    expect(account.accountUrl).toContain(new URL(fx.pebble.directoryUrl).host);
    // The same URL through Node's own HTTPS stack does not trust Pebble's CA.
    await expect(fetch(fx.pebble.directoryUrl)).rejects.toThrow();
  });

  it('another directory: refused without its CA (acme-unavailable, naming the cause), then its own account', async () => {
    const other = await startAcmeFixture();
    try {
      const store = memoryAccountStore();
      const error = await openAccount(other.settings({ caPem: undefined }), store).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AcmeError);
      expect((error as AcmeError).code).toBe('acme-unavailable');
      expect((error as AcmeError).detail).toMatch(/certificate/i);

      const a = await openAccount(fx.settings(), store);
      const b = await openAccount(other.settings(), store);
      expect(new URL(a.accountUrl).origin).not.toBe(new URL(b.accountUrl).origin);
      expect((await store.load(fx.pebble.directoryUrl))?.keyPem).not.toBe(
        (await store.load(other.pebble.directoryUrl))?.keyPem,
      );
    } finally {
      await other.close();
    }
  });
});

describe('external account binding', () => {
  const kid = 'kid-1';
  const hmacKey = Buffer.from('a-shared-secret-of-32-bytes-long').toString('base64url');
  let fx: AcmeFixture;
  beforeAll(async () => {
    fx = await startAcmeFixture({ eabKeys: { [kid]: hmacKey } });
  });
  afterAll(() => fx?.close());

  it('registers with the EAB key pair', async () => {
    const account = await openAccount(fx.settings({ eab: { kid, hmacKey } }), memoryAccountStore());
    expect(account.accountUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
  });

  it('without it, the CA refusal comes back as an ACME error with its detail', async () => {
    const error = await openAccount(fx.settings(), memoryAccountStore()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AcmeError);
    expect((error as AcmeError).extensions.acmeType).toBe('externalAccountRequired');
  });
});
