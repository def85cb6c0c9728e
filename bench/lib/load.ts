import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { LoadSpec } from '../children/autocannon-load.ts';
import type { DirectSpec } from '../children/direct-client.ts';
import { type LoadResult, summarize } from './latency.ts';
import { NODE } from './processes.ts';

// Runs the load children and merges their samples. Two targets measured against each other are run in
// alternating rounds, so a change in machine load during the run hits both alike.

const CHILDREN = fileURLToPath(new URL('../children/', import.meta.url));
const run = promisify(execFile);

interface ChildOutput {
  samples: number[];
  elapsedMs: number;
  failures: number;
}

async function child(script: string, spec: object): Promise<ChildOutput> {
  const { stdout } = await run(NODE, [CHILDREN + script, JSON.stringify(spec)], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout) as ChildOutput;
}

export type Target =
  | { kind: 'http'; spec: Omit<LoadSpec, 'durationMs' | 'warmupMs' | 'connections'> }
  | { kind: 'direct'; spec: Omit<DirectSpec, 'durationMs' | 'warmupMs' | 'concurrency'> };

export interface Window {
  concurrency: number;
  durationMs: number;
  warmupMs: number;
}

function once(target: Target, window: Window): Promise<ChildOutput> {
  const { concurrency, durationMs, warmupMs } = window;
  return target.kind === 'http'
    ? child('autocannon-load.ts', { ...target.spec, connections: concurrency, durationMs, warmupMs })
    : child('direct-client.ts', { ...target.spec, concurrency, durationMs, warmupMs });
}

/**
 * Measures each target for `rounds` windows of `window.durationMs`, round-robin; each round warms up
 * first. Throws when any request failed, since a failed request makes the numbers meaningless.
 */
export async function measureAlternating(
  targets: Record<string, Target>,
  window: Window,
  rounds: number,
): Promise<Record<string, LoadResult>> {
  const collected = new Map<string, ChildOutput[]>(Object.keys(targets).map((name) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, target] of Object.entries(targets)) {
      collected.get(name)?.push(await once(target, window));
    }
  }
  const results: Record<string, LoadResult> = {};
  for (const [name, outputs] of collected) {
    const samples = Float64Array.from(outputs.flatMap((o) => o.samples));
    const elapsed = outputs.reduce((sum, o) => sum + o.elapsedMs, 0);
    const failures = outputs.reduce((sum, o) => sum + o.failures, 0);
    if (failures > 0) throw new Error(`${name}: ${failures} failed requests at c=${window.concurrency}`);
    results[name] = summarize(samples, elapsed, failures);
  }
  return results;
}

/** One autocannon run without warm-up: `amount` requests, or for `durationMs`. Throws when any failed. */
export async function runLoad(
  spec: Pick<LoadSpec, 'url' | 'headers'>,
  options: { connections: number; amount?: number; durationMs?: number },
): Promise<LoadResult> {
  const out = await child('autocannon-load.ts', {
    ...spec,
    connections: options.connections,
    ...(options.amount === undefined ? {} : { amount: options.amount }),
    durationMs: options.durationMs ?? 600_000,
    warmupMs: 0,
  });
  if (out.failures > 0) throw new Error(`${out.failures} requests to ${spec.url} failed`);
  return summarize(Float64Array.from(out.samples), out.elapsedMs, out.failures);
}
