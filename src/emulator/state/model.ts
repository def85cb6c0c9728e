// The mutable CNAME state of protocol §7. Times are epoch milliseconds; rendering to the wire formats
// happens in the operations, so the persisted file stays format-neutral.

export interface TokenRecord {
  bucket: string;
  domain: string;
  /** 32 lower-case hex characters. */
  token: string;
  createdAt: number;
  expiresAt: number;
}

export interface CertificateRecord {
  type: 'CAS' | 'Upload';
  certId: string;
  status: 'Enabled';
  creationDate: number;
  /** SHA-1, 20 colon-separated upper-case hex bytes. */
  fingerprint: string;
  validStartDate: number;
  validEndDate: number;
}

/** A domain bound to a bucket; domains are unique across all accounts. */
export interface BindingRecord {
  domain: string;
  bucket: string;
  owner: string;
  lastModified: number;
  status: 'Enabled';
  certificate?: CertificateRecord | undefined;
}

/** Everything that changes at runtime besides the DNS zone and the clock. */
export interface DynamicState {
  tokens: TokenRecord[];
  bindings: BindingRecord[];
  /** Numbers the ids of uploaded certificates. */
  uploadSequence: number;
}

export const TOKEN_LIFETIME_MS = 72 * 3600 * 1000;
export const MAX_TOKENS_PER_BUCKET = 1000;
export const MAX_DOMAINS_PER_BUCKET = 100;
