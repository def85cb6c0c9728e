import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './lib/build.ts';
import { measureAlternating } from './lib/load.ts';
import { startOtlpSink } from './lib/otlp-sink.ts';
import {
  bindDomains,
  LIST_BUCKET,
  startEmulator,
  startMinimalHop,
  startService,
  stop,
  stopEmulator,
  workDir,
} from './lib/stack.ts';

// Profiles the service path of row 2: `node --cpu-prof dist/main.js` under autocannon load (GET
// /cnames, 100 domains, c=32), then prints where its CPU went: the top functions by self time and the
// same time summed per package or source file. The .cpuprofile stays in bench/profiles/ for DevTools.
// `hop` profiles row 2's minimal Fastify hop instead, to tell the service's own cost from the client's;
// `traced` the service with tracing on as the tracing row runs it (every request sampled, OTLP to a sink).
//   node bench/profile.ts [seconds] [connections] [service|hop|traced]

const PROFILES = fileURLToPath(new URL('./profiles/', import.meta.url));
const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 32);
const SUBJECTS = ['service', 'hop', 'traced'] as const;
const subject = SUBJECTS.find((name) => name === process.argv[4]) ?? 'service';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const own = /\/(dist|src)\/(.+)$/.exec(url)?.[2];
  if (own) return own.replace(/\.js$/, '.ts');
  return url === '' ? '(native/gc)' : url.replace(/^node:/, 'node:');
}

function report(file: string): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame;
    const dt = profile.timeDeltas[i] ?? 0;
    if (!frame) return;
    if (frame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    total += dt;
    const place = where(frame.url);
    const fn = `${frame.functionName || '(anonymous)'} ${place}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
    byPlace.set(place, (byPlace.get(place) ?? 0) + dt);
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, t]) => `${((t / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
      .join('\n');
  console.log(
    `${file}\nbusy ${(total / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s; shares are of busy time\n`,
  );
  console.log(`By package / source file:\n${top(byPlace, 25)}\n`);
  console.log(`By function (self time):\n${top(byFunction, 40)}`);
}

await ensureBuilt();
mkdirSync(PROFILES, { recursive: true });
const before = new Set(readdirSync(PROFILES));
const work = workDir();
const emulator = await startEmulator(work.dir);
const sink = await startOtlpSink();
try {
  await bindDomains(emulator, LIST_BUCKET, 100);
  const nodeFlags = ['--cpu-prof', '--cpu-prof-dir', PROFILES];
  const server =
    subject === 'hop'
      ? { ...(await startMinimalHop(emulator, { nodeFlags })), headers: {} }
      : await startService(work.dir, emulator, {
          nodeFlags,
          env:
            subject === 'traced'
              ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_TRACES_SAMPLER: 'always_on' }
              : {},
        });
  try {
    const url = `${server.url}/buckets/${LIST_BUCKET}/cnames?limit=100`;
    const window = { concurrency: connections, durationMs: seconds * 1000, warmupMs: 1000 };
    const result = await measureAlternating(
      { [subject]: { kind: 'http', spec: { url, headers: server.headers } } },
      window,
      1,
    );
    const exported = subject === 'traced' ? `, ${sink.exports()} OTLP exports` : '';
    console.log(
      `${subject}: ${result[subject]?.requestsPerSecond.toFixed(0)} req/s at c=${connections}${exported}\n`,
    );
  } finally {
    await stop(server.child);
  }
} finally {
  sink.server.close();
  await stopEmulator(emulator);
  work.cleanup();
}
const written = readdirSync(PROFILES).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
for (const file of written) report(join(PROFILES, file));
