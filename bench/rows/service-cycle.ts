import { performance } from 'node:perf_hooks';
import { makeCertificate } from '../../test/helpers/certs.ts';
import { ensureBuilt } from '../lib/build.ts';
import { directCalls, type Upload } from '../lib/direct-calls.ts';
import { median } from '../lib/latency.ts';
import { type LoggedRequest, loggedRequests, operationsOf } from '../lib/request-log.ts';
import {
  CYCLE_BUCKET,
  type EmulatorProcess,
  proveOwnership,
  type ServiceProcess,
  startEmulator,
  startService,
  stop,
  stopEmulator,
  workDir,
} from '../lib/stack.ts';
import type { BenchRow } from '../types.ts';

// Row 3: one domain's bind + certificate + unbind. Ours: PUT /buckets/:b/cnames/:d with an uploaded
// certificate and key (checked by the service, then PutCname), then DELETE. The comparison makes the
// same OSS calls directly with the same client: the sequence is read from the service's own request log
// (each line lists the OSS calls made for it), so both sides do the same OSS work. The TXT records are
// published in the emulator's DNS beforehand. Sequential cycles, alternating blocks of ours and theirs.

const DOMAINS = Array.from({ length: 4 }, (_, i) => `c${i}.${CYCLE_BUCKET}.bench.example.com`);
const BLOCKS = 6;
const CYCLES_PER_BLOCK = 8;

async function serviceCycle(service: ServiceProcess, domain: string, upload: Upload): Promise<void> {
  const url = `${service.url}/buckets/${CYCLE_BUCKET}/cnames/${domain}`;
  const put = await fetch(url, {
    method: 'PUT',
    headers: { ...service.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ certificate: upload }),
  });
  const text = await put.text();
  if (put.status !== 201) throw new Error(`bind ${domain} answered ${put.status}: ${text}`);
  const del = await fetch(url, { method: 'DELETE', headers: service.headers });
  await del.arrayBuffer();
  if (del.status !== 204) throw new Error(`unbind ${domain} answered ${del.status}`);
}

/** Median time the service logged for its PUTs and DELETEs among `entries`. */
function serviceSide(entries: LoggedRequest[]): string {
  const of = (method: string) => median(entries.filter((e) => e.method === method).map((e) => e.durationMs));
  return `the service's own time (its log): PUT ${of('PUT').toFixed(1)} ms, DELETE ${of('DELETE').toFixed(1)} ms`;
}

function directCycle(emulator: EmulatorProcess, operations: string[], upload: Upload) {
  const calls = directCalls(operations, CYCLE_BUCKET);
  return async (domain: string) => {
    for (const call of calls) await call(emulator.client, domain, upload);
  };
}

async function timed(cycle: (domain: string) => Promise<void>, start: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < CYCLES_PER_BLOCK; i++) {
    const began = performance.now();
    await cycle(DOMAINS[(start + i) % DOMAINS.length] as string);
    samples.push(performance.now() - began);
  }
  return samples;
}

export async function run(): Promise<BenchRow[]> {
  await ensureBuilt();
  const cert = await makeCertificate({ sans: DOMAINS });
  const upload = { certificate: cert.chainPem, privateKey: cert.privateKeyPem };
  const work = workDir();
  const emulator = await startEmulator(work.dir);
  try {
    for (const domain of DOMAINS) await proveOwnership(emulator, CYCLE_BUCKET, domain);
    const service = await startService(work.dir, emulator);
    try {
      const ours = (domain: string) => serviceCycle(service, domain, upload);
      // Warm both paths (region discovery, JIT), then learn the service's OSS calls from its log.
      for (const domain of DOMAINS) await ours(domain);
      const warmUp = await loggedRequests(service.logFile, DOMAINS.length * 2);
      const operations = [...operationsOf(warmUp.at(-2)), ...operationsOf(warmUp.at(-1))];
      const theirs = directCycle(emulator, operations, upload);
      for (const domain of DOMAINS) await theirs(domain);
      const samples = { ours: [] as number[], theirs: [] as number[] };
      for (let b = 0; b < BLOCKS; b++) {
        samples.ours.push(...(await timed(ours, b)));
        samples.theirs.push(...(await timed(theirs, b)));
      }
      const oursMs = median(samples.ours);
      const theirsMs = median(samples.theirs);
      const logged = await loggedRequests(service.logFile, (DOMAINS.length + samples.ours.length) * 2);
      return [
        {
          name: 'Bind + certificate + unbind cycle',
          unit: 'ms',
          ours: oursMs,
          comparison: { label: `same OSS calls direct: ${operations.join(', ')}`, value: theirsMs },
          ratio: oursMs / theirsMs,
          higherIsBetter: false,
          notes: `median of ${samples.ours.length} sequential cycles each (${(1000 / oursMs).toFixed(0)} vs ${(1000 / theirsMs).toFixed(0)} cycles/s); ${serviceSide(logged.slice(DOMAINS.length * 2))}, including its certificate checks and DNS pre-flight`,
        },
      ];
    } finally {
      await stop(service.child);
    }
  } finally {
    await stopEmulator(emulator);
    work.cleanup();
  }
}
