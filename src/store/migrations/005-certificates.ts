// Managed certificates' durable state. Keys are stored sealed (src/secrets) and never in clear:
// - acme_accounts: one ACME account per directory, shared by every replica (the first key stored wins);
// - certificate_secrets: values that must stay the same for ever, e.g. the challenge label secret;
// - certificate_orders: the order in progress of a domain, as its plain JSON record, with the key its CSR
//   is for, so a restart or another replica resumes it;
// - certificates: the last certificate issued for a domain and its key, for PutCname.
import type { Migration } from './types.ts';

export const certificates: Migration = {
  version: 5,
  name: 'certificates',
  statements: () => [
    `CREATE TABLE acme_accounts (
      directory_url TEXT PRIMARY KEY,
      key_sealed TEXT NOT NULL,
      account_url TEXT,
      limits TEXT,
      created_at BIGINT NOT NULL
    )`,
    `CREATE TABLE certificate_secrets (
      name TEXT PRIMARY KEY,
      value_sealed TEXT NOT NULL
    )`,
    `CREATE TABLE certificate_orders (
      bucket TEXT NOT NULL,
      domain TEXT NOT NULL,
      effect TEXT NOT NULL,
      record TEXT NOT NULL,
      key_sealed TEXT NOT NULL,
      updated_at BIGINT NOT NULL,
      PRIMARY KEY (bucket, domain)
    )`,
    `CREATE TABLE certificates (
      bucket TEXT NOT NULL,
      domain TEXT NOT NULL,
      certificate_pem TEXT NOT NULL,
      key_sealed TEXT NOT NULL,
      not_before BIGINT NOT NULL,
      not_after BIGINT NOT NULL,
      issued_at BIGINT NOT NULL,
      PRIMARY KEY (bucket, domain)
    )`,
  ],
};
