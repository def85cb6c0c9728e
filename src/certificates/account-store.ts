// The ACME account of each directory in the shared store, its key sealed. Replicas starting together race
// to store a key: INSERT … ON CONFLICT DO NOTHING keeps the first, and every replica reads that one back.

import type { AcmeAccountStore, LimiterSnapshot, StoredAcmeAccount } from '../acme/index.ts';
import type { Sealer } from '../secrets/index.ts';
import type { Store } from '../store/index.ts';

const context = (directoryUrl: string) => `acme-account:${directoryUrl}`;

interface AccountRow extends Record<string, unknown> {
  key_sealed: string;
  account_url: string | null;
}

export interface StoredAccountStore extends AcmeAccountStore {
  /** The order counts of the account (OrderLimiter's snapshot), shared by replicas. */
  loadLimits(directoryUrl: string): Promise<LimiterSnapshot>;
  saveLimits(directoryUrl: string, snapshot: LimiterSnapshot): Promise<void>;
}

export function storeAccountStore(store: Store, sealer: Sealer, now = Date.now): StoredAccountStore {
  const load = async (directoryUrl: string): Promise<StoredAcmeAccount | undefined> => {
    const [row] = await store.query<AccountRow>(
      'SELECT key_sealed, account_url FROM acme_accounts WHERE directory_url = $1',
      [directoryUrl],
    );
    if (row === undefined) return undefined;
    return {
      keyPem: sealer.open(row.key_sealed, context(directoryUrl)),
      ...(row.account_url === null ? {} : { accountUrl: row.account_url }),
    };
  };
  return {
    load,
    async saveIfAbsent(directoryUrl, account) {
      await store.run(
        `INSERT INTO acme_accounts (directory_url, key_sealed, account_url, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (directory_url) DO NOTHING`,
        [directoryUrl, sealer.seal(account.keyPem, context(directoryUrl)), account.accountUrl ?? null, now()],
      );
      return (await load(directoryUrl)) as StoredAcmeAccount;
    },
    async setAccountUrl(directoryUrl, accountUrl) {
      await store.run('UPDATE acme_accounts SET account_url = $2 WHERE directory_url = $1', [
        directoryUrl,
        accountUrl,
      ]);
    },
    async loadLimits(directoryUrl) {
      const [row] = await store.query<{ limits: string | null }>(
        'SELECT limits FROM acme_accounts WHERE directory_url = $1',
        [directoryUrl],
      );
      return row?.limits == null ? {} : (JSON.parse(row.limits) as LimiterSnapshot);
    },
    async saveLimits(directoryUrl, snapshot) {
      await store.run('UPDATE acme_accounts SET limits = $2 WHERE directory_url = $1', [
        directoryUrl,
        JSON.stringify(snapshot),
      ]);
    },
  };
}
