// DNS-01 answers written in our own Alibaba Cloud DNS zone: the TXT at `<label>.<ACME_DNS_ZONE>` the
// customer's `_acme-challenge` CNAME leads to. Both calls look first, so a retried step (after a crash or a
// lost answer) neither adds a second copy nor fails on one already gone.

import type { ChallengeRecords } from '../acme/index.ts';
import { type AlidnsClient, AlidnsServiceError, type DomainRecord } from '../alidns/index.ts';

/** Alidns's smallest TTL on its free edition; values are deleted once validation is over anyway. */
const DEFAULT_TTL = 600;

export interface AlidnsChallengeOptions {
  ttl?: number;
}

export function alidnsChallengeRecords(
  client: AlidnsClient,
  zone: string,
  opts: AlidnsChallengeOptions = {},
): ChallengeRecords {
  const domainName = zone.replace(/\.$/, '').toLowerCase();
  const ttl = opts.ttl ?? DEFAULT_TTL;

  async function txtAt(label: string): Promise<DomainRecord[]> {
    const found = await client.listDomainRecords({
      domainName,
      rrKeyWord: label,
      type: 'TXT',
      pageSize: 100,
    });
    // RRKeyWord matches by substring: keep the exact label only.
    return found.filter((r) => r.rr.toLowerCase() === label && r.type === 'TXT');
  }

  return {
    async publish(label, value) {
      if ((await txtAt(label)).some((r) => r.value === value)) return;
      try {
        await client.addDomainRecord({ domainName, rr: label, type: 'TXT', value, ttl });
      } catch (error) {
        // Added by a concurrent or earlier attempt whose answer was lost: the record is there.
        if (error instanceof AlidnsServiceError && error.code === 'DomainRecordDuplicate') return;
        throw error;
      }
    },
    async remove(label, value) {
      for (const record of await txtAt(label)) {
        if (record.value !== value) continue;
        try {
          await client.deleteDomainRecord(record.recordId);
        } catch (error) {
          // Deleted meanwhile by another attempt: the goal is reached.
          if (error instanceof AlidnsServiceError && /NotExist|NotBelong|InvalidRecordId/i.test(error.code)) {
            continue;
          }
          throw error;
        }
      }
    },
  };
}
