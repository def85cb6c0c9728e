import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './latency.ts';
import { NODE } from './processes.ts';

// The embedded store's share of a service start, measured as production starts: fresh processes load
// dist/store (what `node dist/main.js` loads) with the compile cache the image build fills, open a SQLite
// file in a DATA_DIR, migrate it and answer a query (bench/children/store-open.ts). Two cases, one of each
// per round so machine load hits both: a new DATA_DIR (the first start of a deployment: every migration
// runs) and one already migrated (every restart after it). Development's `npm start` (src/, type
// stripping, no compile cache, a new DATA_DIR) is measured beside them, for information.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = join(ROOT, 'bench/children/store-open.ts');
const DIST_ENTRY = join(ROOT, 'dist/store/index.js');
const SOURCE_ENTRY = join(ROOT, 'src/store/index.ts');

export interface StoreSample {
  /** Wall clock. */
  ms: number;
  /** CPU time (user + system) over the same span. */
  cpuMs: number;
  rssMb: number;
}

type Case = 'fresh' | 'migrated' | 'source';

export interface StoreShare {
  /** Medians. fresh: a new DATA_DIR; migrated: a restart; source: fresh from src/ without a cache. */
  median: Record<Case, StoreSample>;
  /** Each round's milliseconds, rounded, for the notes. */
  samples: Record<Case, number[]>;
}

function open(entry: string, dataDir: string, compileCache?: string): StoreSample {
  const out = execFileSync(NODE, [CHILD, JSON.stringify({ entry, dataDir, compileCache })], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as StoreSample;
}

const mid = (samples: StoreSample[]): StoreSample => ({
  ms: median(samples.map((s) => s.ms)),
  cpuMs: median(samples.map((s) => s.cpuMs)),
  rssMb: median(samples.map((s) => s.rssMb)),
});

/**
 * `compileCache` must be warmed as the image build warms it (bench/lib/compile-cache.ts); the DATA_DIRs
 * go under `workDir`, which the caller removes.
 */
export function storeShareSampler(workDir: string, compileCache: string) {
  const dir = mkdtempSync(join(workDir, 'store-share-'));
  const migratedDir = join(dir, 'migrated');
  // Untimed: the first start, which leaves the schema current for the restarts.
  open(DIST_ENTRY, migratedDir, compileCache);
  const all: Record<Case, StoreSample[]> = { fresh: [], migrated: [], source: [] };
  return {
    /** One process of each case. */
    round(): void {
      const n = all.fresh.length;
      all.fresh.push(open(DIST_ENTRY, join(dir, `fresh-${n}`), compileCache));
      all.migrated.push(open(DIST_ENTRY, migratedDir, compileCache));
      all.source.push(open(SOURCE_ENTRY, join(dir, `source-${n}`)));
    },
    result(): StoreShare {
      const ms = (samples: StoreSample[]) => samples.map((s) => Math.round(s.ms));
      return {
        median: { fresh: mid(all.fresh), migrated: mid(all.migrated), source: mid(all.source) },
        samples: { fresh: ms(all.fresh), migrated: ms(all.migrated), source: ms(all.source) },
      };
    },
  };
}
