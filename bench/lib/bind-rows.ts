import type { BenchRow } from '../types.ts';

// The bind-cost row's lines: the goal is the service against the minimal hop making the same OSS calls
// (the same bind with the store off); the same calls made directly, with no hop, stay informational.

const P50_GOAL = 1.05;

export interface BindP50 {
  ours: number;
  hop: number;
  direct: number;
}

/** The service's p50 against the hop's (the goal) and against the same calls made directly. */
export function p50Rows(name: string, ms: BindP50, operations: string[], notes: string): BenchRow[] {
  const calls = operations.join(', ');
  return [
    {
      name: `${name}: p50`,
      unit: 'ms',
      ours: ms.ours,
      comparison: { label: `minimal Fastify hop, same OSS calls (no store): ${calls}`, value: ms.hop },
      ratio: ms.ours / ms.hop,
      higherIsBetter: false,
      goal: { text: `<= ${P50_GOAL}x`, met: ms.ours / ms.hop <= P50_GOAL },
      notes: `${notes}; the hop runs no DNS pre-flight either, so this is stricter than the service with its store off`,
    },
    {
      name: `${name}: p50 vs the calls made directly`,
      unit: 'ms',
      ours: ms.ours,
      comparison: { label: `same OSS calls direct (no hop): ${calls}`, value: ms.direct },
      ratio: ms.ours / ms.direct,
      higherIsBetter: false,
      notes: `informational: this also counts the HTTP hop itself; the hop alone is ${(ms.hop / ms.direct).toFixed(3)}x of direct`,
    },
  ];
}

/** OSS calls per bind (the service's request log) against the minimal direct sequence, one PutCname. */
export function callsRow(name: string, ours: number, minimal: number, operations: string[]): BenchRow {
  return {
    name: `${name}: OSS calls per bind`,
    unit: 'calls',
    ours,
    comparison: { label: 'minimal direct sequence: PutCname', value: minimal },
    ratio: ours / minimal,
    higherIsBetter: false,
    goal: { text: 'equal', met: ours <= minimal },
    notes: `from the service's request log (every attempt its OSS client made for the PUT): ${operations.join(', ')}`,
  };
}
