import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
import { buildEmulator, type Emulator } from '../../src/emulator/index.ts';
import { type SignableRequest, serializeQuery, signV4 } from '../../src/oss/signer/index.ts';
import type { BenchRow } from '../types.ts';

// The embedded emulator under load: ListCname on a bucket with 100 bound domains (requests/s over
// keep-alive connections from a worker thread, pre-signed, each verified), compared with a bare node:http server answering
// the same bytes in the same run; and PutCname latency (p50) with V4 verification, on a bound domain
// and on a new one (which adds the _dnsauth TXT lookup over UDP).

const ACCOUNT = '1000000000000001';
const KEY = { accessKeyId: 'LTAIbench', accessKeySecret: 'bench-secret' };
const BUCKET = 'benchbucket';
const CONNECTIONS = 8;
const DURATION_MS = 2000;
const WARMUP_MS = 300;
const LATENCY_SAMPLES = 300;

const SEED = {
  accounts: [{ id: ACCOUNT, accessKeys: [{ id: KEY.accessKeyId, secret: KEY.accessKeySecret }] }],
  buckets: [{ name: BUCKET, region: 'cn-hangzhou', owner: ACCOUNT }],
};

interface Prepared {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function signed(method: 'GET' | 'POST', query: Array<[string, string]>, body?: string): Prepared {
  const headers: Record<string, string> = { 'Content-Type': 'application/xml' };
  const req: SignableRequest = { method, bucket: BUCKET, query, headers };
  signV4(req, KEY, { region: 'cn-hangzhou', signingTime: new Date() });
  return { method, path: `/${BUCKET}/?${serializeQuery(query)}`, headers, body };
}

const cnameBody = (domain: string) =>
  `<BucketCnameConfiguration><Cname><Domain>${domain}</Domain></Cname></BucketCnameConfiguration>`;

async function send(pool: Pool, req: Prepared): Promise<number> {
  const res = await pool.request({
    method: req.method,
    path: req.path,
    headers: req.headers,
    body: req.body,
  });
  await res.body.dump();
  return res.statusCode;
}

async function expectOk(pool: Pool, req: Prepared): Promise<void> {
  const status = await send(pool, req);
  if (status !== 200) throw new Error(`bench set-up: ${req.method} ${req.path} answered ${status}`);
}

async function bindDomain(emulator: Emulator, pool: Pool, domain: string): Promise<void> {
  const res = await pool.request({
    ...signed(
      'POST',
      [
        ['cname', ''],
        ['comp', 'token'],
      ],
      cnameBody(domain),
    ),
  });
  const token = /<Token>([0-9a-f]{32})<\/Token>/.exec(await res.body.text())?.[1];
  if (!token) throw new Error(`bench set-up: no token for ${domain}`);
  await emulator.setDnsRecord(`_dnsauth.${domain}`, { type: 'TXT', values: [token] });
}

// The load runs in a worker thread so the client's own work does not share a thread with the server
// being measured (the emulator and the baseline both run on this thread).
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Pool } = require(workerData.undici);
const { origin, req, connections, warmupMs, durationMs } = workerData;
const pool = new Pool(origin, { connections, pipelining: 1 });
async function loop(until, count) {
  while (performance.now() < until) {
    const res = await pool.request(req);
    await res.body.dump();
    if (res.statusCode !== 200) throw new Error(req.path + ' answered ' + res.statusCode + ' under load');
    count.n++;
  }
}
(async () => {
  const warm = { n: 0 };
  const warmEnd = performance.now() + warmupMs;
  await Promise.all(Array.from({ length: connections }, () => loop(warmEnd, warm)));
  const count = { n: 0 };
  const start = performance.now();
  await Promise.all(Array.from({ length: connections }, () => loop(start + durationMs, count)));
  const elapsed = performance.now() - start;
  await pool.close();
  parentPort.postMessage({ n: count.n, elapsed });
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

/** Requests/s of `req` over CONNECTIONS keep-alive connections; every answer must be 200. */
function throughput(origin: string, req: Prepared): Promise<number> {
  const undici = createRequire(import.meta.url).resolve('undici');
  const worker = new Worker(LOAD_WORKER, {
    eval: true,
    workerData: {
      undici,
      origin,
      req,
      connections: CONNECTIONS,
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
    },
  });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { n?: number; elapsed?: number; error?: string }) => {
      void worker.terminate();
      if (m.error !== undefined || m.n === undefined || m.elapsed === undefined) reject(new Error(m.error));
      else resolve((m.n / m.elapsed) * 1000);
    });
  });
}

/** The same response bytes from a bare node:http server: the HTTP stack's own ceiling. */
async function staticServer(body: string): Promise<{ origin: string; close(): Promise<void> }> {
  const payload = Buffer.from(body);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': String(payload.length) });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** p50 of sequential requests; each is signed before its clock starts. */
async function p50(
  pool: Pool,
  make: (i: number) => Prepared,
  after?: (i: number) => Promise<void>,
): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const req = make(i);
    const start = performance.now();
    const status = await send(pool, req);
    samples.push(performance.now() - start);
    if (status !== 200) throw new Error(`PutCname answered ${status}`);
    await after?.(i);
  }
  return median(samples);
}

export async function run(): Promise<BenchRow[]> {
  const emulator = await buildEmulator({ seed: SEED, log: () => {} });
  const pool = new Pool(emulator.url, { connections: 1 });
  try {
    for (let i = 0; i < 100; i++) {
      const domain = `d${i}.bench.example.com`;
      await bindDomain(emulator, pool, domain);
      await expectOk(
        pool,
        signed(
          'POST',
          [
            ['cname', ''],
            ['comp', 'add'],
          ],
          cnameBody(domain),
        ),
      );
    }
    const list = signed('GET', [['cname', '']]);
    const listBody = await (await pool.request(list)).body.text();
    if ((listBody.match(/<Cname>/g) ?? []).length !== 100)
      throw new Error('bench set-up: expected 100 bound domains');

    const baseline = await staticServer(listBody);
    const ours = await throughput(emulator.url, list);
    const bare = await throughput(baseline.origin, list);
    await baseline.close();

    const bound = await p50(pool, () =>
      signed(
        'POST',
        [
          ['cname', ''],
          ['comp', 'add'],
        ],
        cnameBody('d0.bench.example.com'),
      ),
    );

    await emulator.reset();
    const fresh = Array.from({ length: 20 }, (_, i) => `new${i}.bench.example.com`);
    for (const domain of fresh) await bindDomain(emulator, pool, domain);
    const domainOf = (i: number) => fresh[i % fresh.length] as string;
    const bind = await p50(
      pool,
      (i) =>
        signed(
          'POST',
          [
            ['cname', ''],
            ['comp', 'add'],
          ],
          cnameBody(domainOf(i)),
        ),
      (i) =>
        expectOk(
          pool,
          signed(
            'POST',
            [
              ['cname', ''],
              ['comp', 'delete'],
            ],
            cnameBody(domainOf(i)),
          ),
        ),
    );

    return [
      {
        name: 'Emulator ListCname, 100 bound domains',
        unit: 'req/s',
        ours,
        comparison: { label: 'bare node:http, same response bytes', value: bare },
        ratio: ours / bare,
        higherIsBetter: true,
        notes: `${CONNECTIONS} keep-alive connections, V4 verified per request; the comparison is the HTTP stack's ceiling`,
      },
      {
        name: 'Emulator PutCname p50, bound domain (V4 verify + XML)',
        unit: 'ms',
        ours: bound,
        higherIsBetter: false,
        notes: `${LATENCY_SAMPLES} sequential requests on one keep-alive connection`,
      },
      {
        name: 'Emulator PutCname p50, new domain (+ _dnsauth TXT over UDP)',
        unit: 'ms',
        ours: bind,
        higherIsBetter: false,
        notes: 'each bind verified against the emulator DNS server, then unbound (untimed)',
      },
    ];
  } finally {
    await pool.close();
    await emulator.close();
  }
}
