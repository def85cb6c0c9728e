import { domainRecords, newDomainRow } from '../../src/domains/index.ts';
import { DomainRepository } from '../../src/reconciler/index.ts';
import { cnameTarget } from '../../src/services/domain-dns/index.ts';
import { openStore } from '../../src/store/index.ts';
import { REGION } from './stack.ts';

// Managed domains written straight into a store through the project's own repository (the rows the
// attach route writes: pending ownership, a token, the TXT and CNAME records to publish), before the
// service opens it. What the rows under test measure is reading or reconciling them, not attaching them
// one HTTP request at a time.

const HOUR = 3_600_000;
const PARALLEL = 16;

export interface SeedOptions {
  /** The embedded store's DATA_DIR, or a PostgreSQL URL. */
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
  bucket: string;
  count: number;
  /** Due at once (the reconciler works them) or only in a day (they just sit in the store). */
  due: boolean;
}

/** Names of the seeded domains, in the order they were written. */
export function seededDomain(bucket: string, i: number): string {
  return `m${String(i).padStart(5, '0')}.${bucket}.bench.example.com`;
}

export async function seedDomains(options: SeedOptions): Promise<void> {
  const store = await openStore({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  try {
    const repository = new DomainRepository(store);
    const target = cnameTarget(options.bucket, REGION);
    const now = new Date();
    const write = async (i: number) => {
      const domain = seededDomain(options.bucket, i);
      const token = { value: `bench-token-${i}`, expiresAt: new Date(now.getTime() + 72 * HOUR) };
      const row = newDomainRow(
        {
          bucket: options.bucket,
          domain,
          certificateMode: 'none',
          dnsRecords: domainRecords({ domain, cnameTarget: target, token: token.value }),
          token,
        },
        now,
      );
      const nextCheckAt = options.due ? now : new Date(now.getTime() + 24 * HOUR);
      if ((await repository.insert({ ...row, nextCheckAt }, [], now)) === undefined)
        throw new Error(`seeding: ${domain} is already managed`);
    };
    // SQLite serializes the transactions anyway; PostgreSQL takes them over a pool.
    for (let i = 0; i < options.count; i += PARALLEL) {
      const batch = Array.from({ length: Math.min(PARALLEL, options.count - i) }, (_, k) => write(i + k));
      await Promise.all(batch);
    }
  } finally {
    await store.close();
  }
}
