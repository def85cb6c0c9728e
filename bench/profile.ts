import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './lib/build.ts';
import { report } from './lib/cpu-profile.ts';
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
