// The narrow interface between the ACME part and the rest: settings, the two things it is handed (where
// the account lives, where challenge records are written) and the plain JSON record of one order.

import type { DnsServerAddress } from '../dns/types.ts';

export type AcmeKeyType = 'ec256' | 'rsa2048';

export interface AcmeSettings {
  directoryUrl: string;
  /** PEM of an extra CA the directory's TLS chains to (ACME_CA_FILE's content), for that origin only. */
  caPem?: string | undefined;
  email?: string | undefined;
  /** External account binding, for CAs that require it (ACME_EAB_KID / ACME_EAB_HMAC_KEY, base64url). */
  eab?: { kid: string; hmacKey: string } | undefined;
  /** The zone challenge labels live in (ACME_DNS_ZONE). */
  dnsZone: string;
  /** Type of the certificate keys and of a newly created account key; default ec256. */
  keyType?: AcmeKeyType | undefined;
}

/** One directory's account as stored: the key PEM (the store encrypts it) and, once registered, its URL. */
export interface StoredAcmeAccount {
  keyPem: string;
  accountUrl?: string | undefined;
}

/**
 * Where accounts live, keyed by directory URL, shared by every replica. saveIfAbsent must be atomic:
 * when two replicas race, both get back the one that was stored first.
 */
export interface AcmeAccountStore {
  load(directoryUrl: string): Promise<StoredAcmeAccount | undefined>;
  saveIfAbsent(directoryUrl: string, account: StoredAcmeAccount): Promise<StoredAcmeAccount>;
  setAccountUrl(directoryUrl: string, accountUrl: string): Promise<void>;
}

/**
 * Writes TXT values at a label of the challenge zone (the label is relative to ACME_DNS_ZONE). Both calls
 * are idempotent and leave other values at the same label alone: two orders may share a label.
 */
export interface ChallengeRecords {
  publish(label: string, value: string): Promise<void>;
  remove(label: string, value: string): Promise<void>;
}

export type OrderStep =
  /** TXT values still to be written. */
  | 'publish'
  /** Written; waiting until our resolvers see them through the customer's CNAME. */
  | 'precheck'
  /** Seen; the CA is to be told to validate. */
  | 'complete'
  /** The CA is validating, or issuing after finalize. */
  | 'poll'
  /** Validated; a CSR is to be sent. */
  | 'finalize'
  /** Issued; the certificate is to be fetched. */
  | 'download'
  | 'done';

export interface OrderChallenge {
  domain: string;
  authorizationUrl: string;
  challengeUrl: string;
  /** Label relative to the challenge zone. */
  label: string;
  /** The TXT value (the key authorization's digest). */
  value: string;
}

/** Plain JSON; every step takes one and returns the next, so an order survives restarts and replicas. */
export interface OrderRecord {
  version: 1;
  directoryUrl: string;
  accountUrl: string;
  domains: string[];
  keyType: AcmeKeyType;
  step: OrderStep;
  orderUrl: string;
  finalizeUrl: string;
  certificateUrl?: string;
  /** ARI certificate id of the certificate this order replaces (RFC 9773 `replaces`). */
  replaces?: string;
  challenges: OrderChallenge[];
  createdAt: string;
  /** When the caller should run the next step at the earliest (set while polling). */
  notBefore?: string;
}

export interface PrecheckOptions {
  /** The service's own resolvers (DNS_RESOLVERS, or the emulator's DNS). */
  resolvers: DnsServerAddress[];
  timeoutMs?: number;
}

export interface IssuedCertificate {
  /** Leaf first, then the chain, as the CA sent it. */
  certificatePem: string;
  notBefore: string;
  notAfter: string;
  /** RFC 9773 certificate id (`b64url(AKI).b64url(serial)`), for ARI and `replaces`. */
  ariCertId: string | undefined;
}
