import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deleteCname } from '../src/oss/index.ts';
import { ensureBuilt } from './lib/build.ts';
import { report } from './lib/cpu-profile.ts';
import {
  CYCLE_BUCKET,
  delayEveryCall,
  proveOwnership,
  startEmulator,
  startService,
  stop,
  stopEmulator,
  workDir,
} from './lib/stack.ts';

// Where a bind's time goes, phase by phase: the bind-cost row's set-up (30 ms OSS latency, fresh
// Idempotency-Key), the service traced over OTLP/HTTP JSON into a sink here. Per PUT it prints the span
// timeline relative to the request span (OSS attempts, the DNS pre-flight and its queries) and, summed
// over the binds, the time inside the request span that no OSS call covers: what the service adds.
// `cpu` instead runs the service under --cpu-prof (no tracing) and prints its CPU per bind over the timed
// binds only. Each bind is undone directly at OSS, so only the PUT is in the service's numbers.
//   node bench/trace-bind.ts [binds] [trace|cpu]

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
}

const binds = Number(process.argv[2] ?? 12);
const mode = process.argv[3] === 'cpu' ? 'cpu' : 'trace';
const PROFILES = fileURLToPath(new URL('./profiles/', import.meta.url));
const DOMAINS = Array.from({ length: 4 }, (_, i) => `t${i}.${CYCLE_BUCKET}.bench.example.com`);

function collectSpans(): Promise<{ url: string; spans: OtlpSpan[]; close(): void }> {
  const spans: OtlpSpan[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[];
    };
    for (const rs of body.resourceSpans ?? [])
      for (const ss of rs.scopeSpans ?? []) spans.push(...(ss.spans ?? []));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, spans, close: () => server.close() });
    });
  });
}

const ms = (span: OtlpSpan, from: bigint) => Number(BigInt(span.startTimeUnixNano) - from) / 1e6;
const dur = (span: OtlpSpan) => Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e6;

/** Milliseconds of [start, end) covered by none of `busy` (intervals in ms from the same origin). */
function uncovered(end: number, busy: [number, number][]): number {
  let free = 0;
  let at = 0;
  for (const [a, b] of [...busy].sort((x, y) => x[0] - y[0])) {
    if (a > at) free += a - at;
    at = Math.max(at, b);
  }
  return free + Math.max(0, end - at);
}

await ensureBuilt();
const sink = await collectSpans();
const work = workDir();
const emulator = await startEmulator(work.dir);
try {
  for (const domain of DOMAINS) await proveOwnership(emulator, CYCLE_BUCKET, domain);
  await delayEveryCall(emulator, 30);
  mkdirSync(PROFILES, { recursive: true });
  const before = new Set(readdirSync(PROFILES));
  const service = await startService(
    work.dir,
    emulator,
    mode === 'cpu'
      ? { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', PROFILES, '--cpu-prof-interval', '100'] }
      : {
          env: {
            OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
            OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
            OTEL_BSP_SCHEDULE_DELAY: '100',
          },
        },
  );
  let stopped = false;
  try {
    const clientMs: number[] = [];
    let phaseBegan = 0;
    for (let i = 0; i < binds + DOMAINS.length; i++) {
      if (i === DOMAINS.length) phaseBegan = performance.now();
      const domain = DOMAINS[i % DOMAINS.length] as string;
      const url = `${service.url}/buckets/${CYCLE_BUCKET}/cnames/${domain}`;
      const began = performance.now();
      const put = await fetch(url, {
        method: 'PUT',
        headers: {
          ...service.headers,
          'content-type': 'application/json',
          'idempotency-key': `"${randomUUID()}"`,
        },
        body: '{}',
      });
      await put.text();
      if (i >= DOMAINS.length) clientMs.push(performance.now() - began);
      if (put.status !== 201) throw new Error(`bind answered ${put.status}`);
      await emulator.client.invoke(deleteCname, { bucket: CYCLE_BUCKET, domain });
    }
    if (mode === 'cpu') {
      const phaseMs = performance.now() - phaseBegan;
      const stopBegan = performance.now();
      await stop(service.child);
      stopped = true;
      const stopMs = performance.now() - stopBegan;
      const written = readdirSync(PROFILES).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
      const sorted = [...clientMs].sort((a, b) => a - b);
      console.log(`${binds} binds, client p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms\n`);
      for (const file of written)
        report(join(PROFILES, file), {
          window: { fromMsBeforeEnd: stopMs + phaseMs, toMsBeforeEnd: stopMs },
          per: { count: binds, label: 'bind' },
        });
      process.exitCode = 0;
    } else {
      const deadline = Date.now() + 10_000;
      const puts = () => sink.spans.filter((s) => s.name.startsWith('PUT') && !s.parentSpanId);
      while (puts().length < binds + DOMAINS.length && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const roots = puts().slice(DOMAINS.length);
      let own = 0;
      let total = 0;
      const gaps = new Map<string, number[]>();
      for (const [n, root] of roots.entries()) {
        const origin = BigInt(root.startTimeUnixNano);
        const inside = sink.spans
          .filter((s) => s.traceId === root.traceId && s !== root)
          .sort((a, b) => ms(a, origin) - ms(b, origin));
        const oss = inside.filter((s) => s.name.startsWith('OSS '));
        const free = uncovered(
          dur(root),
          oss.map((s) => [ms(s, origin), ms(s, origin) + dur(s)]),
        );
        own += free;
        total += dur(root);
        let last = { name: 'request', end: 0 };
        for (const s of oss) {
          const key = `${last.name} -> ${s.name}`;
          gaps.set(key, [...(gaps.get(key) ?? []), ms(s, origin) - last.end]);
          last = { name: s.name, end: ms(s, origin) + dur(s) };
        }
        const key = `${last.name} -> answer`;
        gaps.set(key, [...(gaps.get(key) ?? []), dur(root) - last.end]);
        if (n < 3) {
          console.log(`\n${root.name}: ${dur(root).toFixed(2)} ms, outside OSS calls ${free.toFixed(2)} ms`);
          for (const s of inside)
            if (!s.name.startsWith('dns.query'))
              console.log(
                `  +${ms(s, origin).toFixed(2).padStart(7)}  ${dur(s).toFixed(2).padStart(7)} ms  ${s.name}`,
              );
          const queries = inside.filter((s) => s.name.startsWith('dns.query'));
          console.log(`  ${queries.length} dns.query spans`);
        }
      }
      console.log('\nTime between OSS calls (median, mean):');
      for (const [key, values] of gaps) {
        const ordered = [...values].sort((a, b) => a - b);
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        const mid = ordered[Math.floor(ordered.length / 2)] ?? 0;
        console.log(`  ${mid.toFixed(2).padStart(6)} ${mean.toFixed(2).padStart(6)} ms  ${key}`);
      }
      const sorted = [...clientMs].sort((a, b) => a - b);
      console.log(
        `\n${roots.length} binds: request span ${(total / roots.length).toFixed(2)} ms mean, outside OSS ${(own / roots.length).toFixed(2)} ms mean; client p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms`,
      );
    }
  } finally {
    if (!stopped) await stop(service.child);
  }
} finally {
  await stopEmulator(emulator);
  work.cleanup();
  sink.close();
}
