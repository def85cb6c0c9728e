// A domain's order in progress and its last issued certificate, keyed by (bucket, domain). Certificate keys
// are sealed with a context naming the domain, so a sealed key copied to another row does not open.

import type { OrderRecord } from '../acme/index.ts';
import type { Sealer } from '../secrets/index.ts';
import type { Store } from '../store/index.ts';

export interface StoredOrder {
  effect: 'issue' | 'renew';
  record: OrderRecord;
  keyPem: string;
}

export interface StoredCertificate {
  certificatePem: string;
  keyPem: string;
  notBefore: Date;
  notAfter: Date;
}

export interface CertificateStore {
  loadOrder(bucket: string, domain: string): Promise<StoredOrder | undefined>;
  /** Inserts or replaces the domain's order. */
  saveOrder(bucket: string, domain: string, order: StoredOrder): Promise<void>;
  deleteOrder(bucket: string, domain: string): Promise<void>;
  loadCertificate(bucket: string, domain: string): Promise<StoredCertificate | undefined>;
  /** Keeps the new certificate and ends the order that issued it, in one transaction. */
  saveIssued(bucket: string, domain: string, certificate: StoredCertificate): Promise<void>;
  /** Removes everything about the domain. */
  forget(bucket: string, domain: string): Promise<void>;
  /** The label secret, created once (the first replica to store one wins). */
  labelSecret(create: () => string): Promise<string>;
}

const keyContext = (bucket: string, domain: string) => `certificate-key:${bucket}/${domain}`;

export function certificateStore(store: Store, sealer: Sealer, now = Date.now): CertificateStore {
  return {
    async loadOrder(bucket, domain) {
      const [row] = await store.query<{ effect: string; record: string; key_sealed: string }>(
        'SELECT effect, record, key_sealed FROM certificate_orders WHERE bucket = $1 AND domain = $2',
        [bucket, domain],
      );
      if (row === undefined) return undefined;
      return {
        effect: row.effect === 'renew' ? 'renew' : 'issue',
        record: JSON.parse(row.record) as OrderRecord,
        keyPem: sealer.open(row.key_sealed, keyContext(bucket, domain)),
      };
    },
    async saveOrder(bucket, domain, order) {
      const params = [
        bucket,
        domain,
        order.effect,
        JSON.stringify(order.record),
        sealer.seal(order.keyPem, keyContext(bucket, domain)),
        now(),
      ];
      await store.run(
        `INSERT INTO certificate_orders (bucket, domain, effect, record, key_sealed, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (bucket, domain) DO UPDATE SET effect = excluded.effect, record = excluded.record,
           key_sealed = excluded.key_sealed, updated_at = excluded.updated_at`,
        params,
      );
    },
    async deleteOrder(bucket, domain) {
      await store.run('DELETE FROM certificate_orders WHERE bucket = $1 AND domain = $2', [bucket, domain]);
    },
    async loadCertificate(bucket, domain) {
      const [row] = await store.query<{
        certificate_pem: string;
        key_sealed: string;
        not_before: number | string;
        not_after: number | string;
      }>(
        'SELECT certificate_pem, key_sealed, not_before, not_after FROM certificates WHERE bucket = $1 AND domain = $2',
        [bucket, domain],
      );
      if (row === undefined) return undefined;
      return {
        certificatePem: row.certificate_pem,
        keyPem: sealer.open(row.key_sealed, keyContext(bucket, domain)),
        notBefore: new Date(Number(row.not_before)),
        notAfter: new Date(Number(row.not_after)),
      };
    },
    async saveIssued(bucket, domain, certificate) {
      await store.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO certificates (bucket, domain, certificate_pem, key_sealed, not_before, not_after, issued_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (bucket, domain) DO UPDATE SET certificate_pem = excluded.certificate_pem,
             key_sealed = excluded.key_sealed, not_before = excluded.not_before,
             not_after = excluded.not_after, issued_at = excluded.issued_at`,
          [
            bucket,
            domain,
            certificate.certificatePem,
            sealer.seal(certificate.keyPem, keyContext(bucket, domain)),
            certificate.notBefore.getTime(),
            certificate.notAfter.getTime(),
            now(),
          ],
        );
        await tx.run('DELETE FROM certificate_orders WHERE bucket = $1 AND domain = $2', [bucket, domain]);
      });
    },
    async forget(bucket, domain) {
      await store.transaction(async (tx) => {
        await tx.run('DELETE FROM certificate_orders WHERE bucket = $1 AND domain = $2', [bucket, domain]);
        await tx.run('DELETE FROM certificates WHERE bucket = $1 AND domain = $2', [bucket, domain]);
      });
    },
    async labelSecret(create) {
      await store.run(
        'INSERT INTO certificate_secrets (name, value_sealed) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
        ['challenge-label', sealer.seal(create(), 'certificate-secret:challenge-label')],
      );
      const [row] = await store.query<{ value_sealed: string }>(
        'SELECT value_sealed FROM certificate_secrets WHERE name = $1',
        ['challenge-label'],
      );
      return sealer.open(
        (row as { value_sealed: string }).value_sealed,
        'certificate-secret:challenge-label',
      );
    },
  };
}
