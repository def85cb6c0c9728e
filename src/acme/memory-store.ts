import type { AcmeAccountStore, StoredAcmeAccount } from './types.ts';

/** An account store for one process (tests, emulator mode): the durable store replaces it in service. */
export function memoryAccountStore(): AcmeAccountStore {
  const accounts = new Map<string, StoredAcmeAccount>();
  return {
    async load(directoryUrl) {
      const found = accounts.get(directoryUrl);
      return found === undefined ? undefined : { ...found };
    },
    async saveIfAbsent(directoryUrl, account) {
      if (!accounts.has(directoryUrl)) accounts.set(directoryUrl, { ...account });
      return { ...(accounts.get(directoryUrl) as StoredAcmeAccount) };
    },
    async setAccountUrl(directoryUrl, accountUrl) {
      const found = accounts.get(directoryUrl);
      if (found !== undefined) found.accountUrl = accountUrl;
    },
  };
}
