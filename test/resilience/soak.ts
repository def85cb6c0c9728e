// Soak under faults (a bench module, not a test: `node --expose-gc test/resilience/soak.ts`, SOAK_SECONDS=60 for
// longer). The service listens on a real port in front of the emulator while 16 clients bind, list, unbind
// and create tokens in a loop through four phases: healthy, flaky (rate-based 503s, resets and stalls),
// outage (every call 503) and recovered. It reports per phase what callers saw, and checks the invariants:
// never a 500, fast 503 upstream-unavailable during the outage, back to serving by itself afterwards, the
// emulator's bindings equal to what the service lists, and heap growth.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from '../../bench/types.ts';
import type { FaultInput } from '../../src/emulator/index.ts';
import { DEFAULT_BREAKER } from '../../src/resilience/index.ts';
import { BUCKET, startFaultStack } from './helpers/fault-stack.ts';

const CLIENTS = 16;
type Phase = 'healthy' | 'flaky' | 'outage' | 'recovered';
const PHASES: Array<[Phase, FaultInput[]]> = [
  ['healthy', []],
  [
    'flaky',
    [
      { op: '*', kind: 'status', status: 503, rate: 0.2 },
      { op: '*', kind: 'reset', rate: 0.05 },
      { op: '*', kind: 'delay', delayMs: 5_000, rate: 0.02 },
    ],
  ],
  ['outage', [{ op: '*', kind: 'status', status: 503 }]],
  ['recovered', []],
];

interface Tally {
  /** ms from the phase's start to its first 2xx. */
  firstSuccessMs?: number;
  requests: number;
  byCode: Map<string, number>;
  latencies: number[];
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export async function run(): Promise<BenchRow[]> {
  const seconds = Number(process.env.SOAK_SECONDS ?? 20);
  // The rate limits would otherwise be all the clients ever meet.
  const s = await startFaultStack({
    patch: (c) => ({ ...c, RATE_LIMIT_MAX: 1e9, RATE_LIMIT_ANONYMOUS_MAX: 1e9 }),
  });
  const base = await s.app.listen({ host: '127.0.0.1', port: 0 });
  const auth = { authorization: s.admin.headers.authorization };
  const domains = Array.from({ length: CLIENTS }, (_, i) => `soak${i}.example.com`);
  for (const domain of domains) await s.prove(domain);
  // Heap figures mean something only after a full collection: run with `node --expose-gc`.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const tallies = new Map<Phase, Tally>();
  let phase: Phase = 'healthy';
  let phaseStarted = performance.now();
  let stop = false;

  const call = async (method: string, path: string, body?: unknown) => {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? { headers: auth }
        : { headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const code = res.status < 400 ? String(res.status) : `${res.status} ${JSON.parse(text).code}`;
    const tally: Tally = tallies.get(phase) ?? {
      requests: 0,
      byCode: new Map<string, number>(),
      latencies: [],
    };
    tally.requests++;
    tally.byCode.set(code, (tally.byCode.get(code) ?? 0) + 1);
    tally.latencies.push(performance.now() - started);
    if (res.status < 300) tally.firstSuccessMs ??= performance.now() - phaseStarted;
    tallies.set(phase, tally);
  };

  const client = async (domain: string) => {
    const path = `/buckets/${BUCKET}/cnames/${domain}`;
    for (let i = 0; !stop; i++) {
      const step = i % 4;
      if (step === 0) await call('PUT', path);
      else if (step === 1) await call('GET', `/buckets/${BUCKET}/cnames`);
      else if (step === 2) await call('DELETE', path);
      else await call('POST', `/buckets/${BUCKET}/cname-tokens`, { domain });
    }
  };

  const clients = domains.map(client);
  for (const [name, faults] of PHASES) {
    phase = name;
    phaseStarted = performance.now();
    s.emulator.clearFaults();
    for (const fault of faults) s.emulator.addFault(fault);
    await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / PHASES.length));
  }
  stop = true;
  await Promise.all(clients);
  s.emulator.clearFaults();

  // The service's view and OSS's state agree once the dust settles (and the circuit has closed again).
  const recoveredAt = performance.now();
  let listed = await fetch(`${base}/buckets/${BUCKET}/cnames?limit=100`, { headers: auth });
  while (listed.status !== 200 && performance.now() - recoveredAt < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    listed = await fetch(`${base}/buckets/${BUCKET}/cnames?limit=100`, { headers: auth });
  }
  const settleSeconds = (performance.now() - recoveredAt) / 1000;
  const view = ((await listed.json()) as { items: Array<{ domain: string }> }).items
    .map((b) => b.domain)
    .sort();
  const state = s.emulator
    .state()
    .bindings.filter((b) => b.bucket === BUCKET)
    .map((b) => b.domain)
    .sort();
  gc?.();
  const heapGrowthMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  await s.close();

  const rows: BenchRow[] = [];
  for (const [name] of PHASES) {
    const t = tallies.get(name) ?? { requests: 0, byCode: new Map<string, number>(), latencies: [] };
    const internal = t.byCode.get('500 internal-error') ?? 0;
    const codes = [...t.byCode].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}: ${n}`);
    rows.push({
      name: `soak ${name}: requests/s (${CLIENTS} clients)`,
      unit: 'req/s',
      ours: t.requests / (seconds / PHASES.length),
      higherIsBetter: true,
      goal: { text: 'no 500 internal-error', met: internal === 0 },
      notes: `p50 ${quantile(t.latencies, 0.5).toFixed(1)} ms, p99 ${quantile(t.latencies, 0.99).toFixed(1)} ms; ${codes.join(', ')}`,
    });
  }
  const outage = tallies.get('outage');
  const fast = outage?.byCode.get('503 upstream-unavailable') ?? 0;
  rows.push({
    name: 'soak outage: answered by the open circuit',
    unit: '%',
    ours: outage ? (100 * fast) / outage.requests : 0,
    higherIsBetter: true,
    goal: { text: '>= 50%', met: outage !== undefined && fast * 2 >= outage.requests },
  });
  const back = tallies.get('recovered')?.firstSuccessMs;
  rows.push({
    name: 'soak recovered: seconds until served again',
    unit: 's',
    ours: back === undefined ? Number.POSITIVE_INFINITY : back / 1000,
    higherIsBetter: false,
    goal: {
      text: `within the phase (${seconds / PHASES.length} s; longest cool-down ${DEFAULT_BREAKER.maxCooldownMs / 1000} s)`,
      met: back !== undefined,
    },
  });
  rows.push({
    name: 'soak: service view equals OSS state',
    unit: 'bool',
    ours: JSON.stringify(view) === JSON.stringify(state) ? 1 : 0,
    higherIsBetter: true,
    goal: { text: '1', met: JSON.stringify(view) === JSON.stringify(state) },
    notes: `${state.length} bindings; listed ${settleSeconds.toFixed(1)} s after the load stopped; heap growth ${gc ? `${heapGrowthMiB.toFixed(1)} MiB` : 'unmeasured (no --expose-gc)'}`,
  });
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await run();
  for (const row of rows) {
    const goal = row.goal ? ` [${row.goal.text}: ${row.goal.met ? 'met' : 'NOT met'}]` : '';
    console.log(
      `${row.name}: ${row.ours.toFixed(1)} ${row.unit}${goal}${row.notes ? `\n    ${row.notes}` : ''}`,
    );
  }
  process.exit(rows.every((r) => r.goal?.met !== false) ? 0 : 1);
}
