import { performance } from 'node:perf_hooks';
import type { OssClient } from '../../src/oss/index.ts';
import { deleteCname, getBucketLocation, getCnameToken, listCname, putCname } from '../../src/oss/index.ts';
import { makeCertificate } from '../../test/helpers/certs.ts';
import { ensureBuilt } from '../lib/build.ts';
import { median } from '../lib/latency.ts';
import { waitForFileText } from '../lib/processes.ts';
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

interface Upload {
  certificate: string;
  privateKey: string;
}

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

interface LoggedRequest {
  method: string;
  durationMs: number;
  oss?: { operation: string }[];
}

/**
 * The service's request log lines once `total` of them are written (the log is written asynchronously,
 * after the response): which OSS calls each request made, and how long the service itself took.
 */
async function loggedRequests(logFile: string, total: number): Promise<LoggedRequest[]> {
  const completed = (text: string) => text.split('\n').filter((line) => line.includes('"request completed"'));
  const text = await waitForFileText(logFile, (t) => completed(t).length >= total);
  return completed(text)
    .slice(0, total)
    .map((line) => JSON.parse(line) as LoggedRequest);
}

const operationsOf = (entry: LoggedRequest | undefined) => (entry?.oss ?? []).map((call) => call.operation);

/** Median time the service logged for its PUTs and DELETEs among `entries`. */
function serviceSide(entries: LoggedRequest[]): string {
  const of = (method: string) => median(entries.filter((e) => e.method === method).map((e) => e.durationMs));
  return `the service's own time (its log): PUT ${of('PUT').toFixed(1)} ms, DELETE ${of('DELETE').toFixed(1)} ms`;
}

type DirectCall = (client: OssClient, domain: string, upload: Upload) => Promise<unknown>;

const DIRECT: Record<string, DirectCall> = {
  ListCname: (c) => c.invoke(listCname, { bucket: CYCLE_BUCKET }),
  PutCname: (c, domain, upload) =>
    c.invoke(putCname, { bucket: CYCLE_BUCKET, domain, certificate: { ...upload, force: true } }),
  DeleteCname: (c, domain) => c.invoke(deleteCname, { bucket: CYCLE_BUCKET, domain }),
  GetCnameToken: (c, domain) => c.invoke(getCnameToken, { bucket: CYCLE_BUCKET, domain }),
  GetBucketLocation: (c) => c.invoke(getBucketLocation, { bucket: CYCLE_BUCKET }),
};

function directCycle(emulator: EmulatorProcess, operations: string[], upload: Upload) {
  const calls = operations.map((op) => {
    const call = DIRECT[op];
    if (!call) throw new Error(`the service made an OSS call the bench cannot mirror: ${op}`);
    return call;
  });
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
