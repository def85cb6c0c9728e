// The no-hop baseline in its own process: the project's OSS client calling ListCname in a closed loop at a
// fixed concurrency, for a warm-up and then a measured window. Prints { samples, elapsedMs, failures }.
// Usage: node bench/children/direct-client.ts '<json DirectSpec>'

import { performance } from 'node:perf_hooks';
import { listCname, OssClient } from '../../src/oss/index.ts';
import { Samples } from '../lib/latency.ts';

export interface DirectSpec {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  bucket: string;
  concurrency: number;
  durationMs: number;
  warmupMs: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as DirectSpec;
const client = new OssClient({
  region: 'cn-hangzhou',
  endpoint: spec.endpoint,
  credentials: { accessKeyId: spec.accessKeyId, accessKeySecret: spec.accessKeySecret },
});

let failures = 0;

async function loop(until: number, samples?: Samples): Promise<void> {
  while (performance.now() < until) {
    const started = performance.now();
    try {
      await client.invoke(listCname, { bucket: spec.bucket });
      samples?.push(performance.now() - started);
    } catch {
      failures++;
    }
  }
}

async function window(ms: number, samples?: Samples): Promise<void> {
  const until = performance.now() + ms;
  await Promise.all(Array.from({ length: spec.concurrency }, () => loop(until, samples)));
}

await window(spec.warmupMs);
failures = 0;
const samples = new Samples();
const started = performance.now();
await window(spec.durationMs, samples);
const elapsedMs = performance.now() - started;
await client.close();
process.stdout.write(`${JSON.stringify({ samples: Array.from(samples.values()), elapsedMs, failures })}\n`);
