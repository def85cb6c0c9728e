// One ACME account per directory. Its key comes from the shared store (created once, by whichever
// replica gets there first) and it is registered once; afterwards every replica reuses the stored URL.

import acme from 'acme-client';
import { fromAcmeProblem } from './errors.ts';
import { registerDirectory } from './http.ts';
import { createPrivateKey } from './keys.ts';
import { AcmeProblem } from './problem.ts';
import type { AcmeAccountStore, AcmeKeyType, AcmeSettings } from './types.ts';

export interface AcmeAccount {
  directoryUrl: string;
  accountUrl: string;
  keyType: AcmeKeyType;
  dnsZone: string;
  /** The directory's `renewalInfo` URL when it offers ARI (RFC 9773). */
  renewalInfoUrl: string | undefined;
  client: acme.Client;
}

/** Rethrows an ACME problem as our AcmeError; other errors pass through. */
export async function mapAcmeErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AcmeProblem) throw fromAcmeProblem(error);
    throw error;
  }
}

/**
 * acme-client retries a badNonce answer 5 times; a CA that rejects many nonces in a row (Pebble's test
 * mode, or a CA cluster that lost its nonce store) should cost a round trip, not the order.
 */
function raiseNonceRetries(client: acme.Client): void {
  const http = (client as unknown as { api?: { http?: { maxBadNonceRetries?: number } } }).api?.http;
  if (http !== undefined) http.maxBadNonceRetries = 10;
}

function knowsAccountUrl(client: acme.Client): boolean {
  try {
    client.getAccountUrl();
    return true;
  } catch {
    return false;
  }
}

export async function openAccount(settings: AcmeSettings, store: AcmeAccountStore): Promise<AcmeAccount> {
  const { directoryUrl } = settings;
  const keyType = settings.keyType ?? 'ec256';
  registerDirectory(directoryUrl, settings.caPem);
  const stored =
    (await store.load(directoryUrl)) ??
    (await store.saveIfAbsent(directoryUrl, { keyPem: await createPrivateKey(keyType) }));
  const client = new acme.Client({
    directoryUrl,
    accountKey: stored.keyPem,
    ...(stored.accountUrl === undefined ? {} : { accountUrl: stored.accountUrl }),
    ...(settings.eab === undefined ? {} : { externalAccountBinding: settings.eab }),
  });
  raiseNonceRetries(client);
  return mapAcmeErrors(async () => {
    const directory = (await acme.axios.get(directoryUrl)).data as { renewalInfo?: unknown };
    let accountUrl = stored.accountUrl;
    if (accountUrl === undefined) {
      // The same key registering twice (two replicas racing) gets the same account back (RFC 8555 §7.3.1).
      try {
        await client.createAccount({
          termsOfServiceAgreed: true,
          ...(settings.email === undefined ? {} : { contact: [`mailto:${settings.email}`] }),
        });
      } catch (error) {
        // Registered already (a replica won the race, or a crash came before the URL was stored): the CA
        // answers 200 with the URL, then acme-client sends an update that Pebble refuses as empty.
        if (!(error instanceof AcmeProblem) || !knowsAccountUrl(client)) throw error;
      }
      accountUrl = client.getAccountUrl();
      await store.setAccountUrl(directoryUrl, accountUrl);
    }
    return {
      directoryUrl,
      accountUrl,
      keyType,
      dnsZone: settings.dnsZone.replace(/\.$/, '').toLowerCase(),
      renewalInfoUrl: typeof directory.renewalInfo === 'string' ? directory.renewalInfo : undefined,
      client,
    };
  });
}
