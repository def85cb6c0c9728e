/** One line of the `npm run bench` table: ours vs a comparison measured in the same run. */
export interface BenchRow {
  name: string;
  unit: string;
  ours: number;
  /** What ours is compared with (a peer or the limit); absent for baseline-only rows. */
  comparison?: { label: string; value: number } | undefined;
  /** ours / comparison; whether above or below 1 is good follows `higherIsBetter`. */
  ratio?: number | undefined;
  higherIsBetter: boolean;
  /** Human-readable goal such as '>= 2x' and whether this run met it. */
  goal?: { text: string; met: boolean } | undefined;
  notes?: string | undefined;
}

/** A bench module exports `run` producing its rows; bench/run.ts collects them in a fixed order. */
export type BenchModule = { run(): Promise<BenchRow[]> };
