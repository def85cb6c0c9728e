import { type BindP50, callsRow, p50Rows } from '../lib/bind-rows.ts';
import { type Bind, directBind, hopBind, rememberToken, serviceBind } from '../lib/bind-sides.ts';
import { ensureBuilt } from '../lib/build.ts';
import { directCalls } from '../lib/direct-calls.ts';
import { median } from '../lib/latency.ts';
import { type LoggedRequest, loggedRequests, operationsOf } from '../lib/request-log.ts';
import {
  CYCLE_BUCKET,
  delayEveryCall,
  proveOwnership,
  startEmulator,
  startMinimalHop,
  startService,
  stop,
  stopEmulator,
  workDir,
} from '../lib/stack.ts';
import type { BenchRow } from '../types.ts';

// What the state costs a bind. Ours: PUT /buckets/:b/cnames/:d with an Idempotency-Key, through the
// service with its embedded store (the key and its stored answer, the audit entry), the emulator holding
// every OSS answer back 30 ms. The service has no mode without its store, so "the same bind with the store
// off" is the minimal hop (bench/children/minimal-hop.ts, its own process) answering the same PUT with the
// OSS calls the service made for it (read from its request log, as row 3 does): the p50 ratio is then
// store, audit, idempotency, the DNS pre-flight (the hop has none) and the rest of the service's stack,
// but not the HTTP hop itself. The same calls made directly in the bench process, no hop, stay as an
// informational row. Separately, the OSS calls per bind (every attempt, as the service's OSS client
// recorded them) against the minimal direct sequence for a domain whose ownership is proven: one
// PutCname. Each timed bind is undone untimed before the next. Every bind forgets the domain's token and
// the set-up creates tokens directly at OSS, so these binds read it (GetCnameToken: a token created
// elsewhere). The "token remembered" rows measure the documented plain bind of one process: its token
// read through the service (GET …/cname-tokens/:d, untimed) before each PUT.

const OSS_LATENCY_MS = 30;
const DOMAINS = Array.from({ length: 4 }, (_, i) => `b${i}.${CYCLE_BUCKET}.bench.example.com`);
/** Bound only by the remembered-token side, so its log lines are told apart by their path. */
const KNOWN = Array.from({ length: 4 }, (_, i) => `k${i}.${CYCLE_BUCKET}.bench.example.com`);
const BLOCKS = 5;
const PER_BLOCK = 6;
const BINDS = BLOCKS * PER_BLOCK;
const LABEL = `Bind with store, audit, Idempotency-Key, ${OSS_LATENCY_MS} ms OSS`;

const isBind = (e: LoggedRequest) => e.method === 'PUT';
const onKnown = (e: LoggedRequest) => KNOWN.some((domain) => e.path?.endsWith(`/${domain}`));

export async function run(): Promise<BenchRow[]> {
  await ensureBuilt();
  const work = workDir();
  const emulator = await startEmulator(work.dir);
  try {
    for (const domain of [...DOMAINS, ...KNOWN]) await proveOwnership(emulator, CYCLE_BUCKET, domain);
    await delayEveryCall(emulator, OSS_LATENCY_MS);
    const service = await startService(work.dir, emulator);
    const hop = await startMinimalHop(emulator);
    try {
      const ours = serviceBind(service);
      const oursKnown: Bind = async (domain) => {
        await rememberToken(service, domain);
        return ours(domain);
      };
      for (const domain of DOMAINS) await ours(domain);
      for (const domain of KNOWN) await oursKnown(domain);
      const warmLines = DOMAINS.length * 2 + KNOWN.length * 3;
      const warm = (await loggedRequests(service.logFile, warmLines)).filter(isBind);
      const operations = operationsOf(warm.filter((e) => !onKnown(e)).at(-1));
      const knownOperations = operationsOf(warm.filter(onKnown).at(-1));
      const direct = { calls: 0 };
      const minimal = { calls: 0 };
      const sides: [string, Bind, string[]][] = [
        ['ours', ours, DOMAINS],
        ['hop', hopBind(hop.url, emulator, operations), DOMAINS],
        ['direct', directBind(emulator, directCalls(operations, CYCLE_BUCKET), direct), DOMAINS],
        ['oursKnown', oursKnown, KNOWN],
        ['hopKnown', hopBind(hop.url, emulator, knownOperations), KNOWN],
        [
          'directKnown',
          directBind(emulator, directCalls(knownOperations, CYCLE_BUCKET), { calls: 0 }),
          KNOWN,
        ],
        ['least', directBind(emulator, directCalls(['PutCname'], CYCLE_BUCKET), minimal), DOMAINS],
      ];
      // The hop's first requests (its connection, Fastify's first route lookups) stay out of the samples.
      for (const [side, bind, domains] of sides)
        if (side.startsWith('hop')) for (const d of domains) await bind(d);
      const samples = new Map<string, number[]>(sides.map(([side]) => [side, []]));
      for (let b = 0; b < BLOCKS; b++)
        for (const [side, bind, domains] of sides)
          for (let i = 0; i < PER_BLOCK; i++)
            samples.get(side)?.push(await bind(domains[i % domains.length] as string));
      const p50 = (side: string) => median(samples.get(side) ?? []);
      const p50s = (path: string): BindP50 => ({
        ours: p50(`ours${path}`),
        hop: p50(`hop${path}`),
        direct: p50(`direct${path}`),
      });
      const logged = await loggedRequests(service.logFile, warmLines + BINDS * 2 + BINDS * 3);
      const timed = logged.slice(warmLines).filter(isBind);
      const callsPerBind = median(timed.filter((e) => !onKnown(e)).map((e) => e.oss?.length ?? 0));
      const knownCallsPerBind = median(timed.filter(onKnown).map((e) => e.oss?.length ?? 0));
      const sequence = `median of ${BINDS} sequential binds per side, alternating blocks of ${PER_BLOCK}`;
      return [
        ...p50Rows(
          LABEL,
          p50s(''),
          operations,
          `${sequence}; ${direct.calls / BINDS} OSS calls per bind on every side; against the minimal direct bind (one PutCname, ${p50('least').toFixed(1)} ms) ours is ${(p50('ours') / p50('least')).toFixed(2)}x`,
        ),
        ...p50Rows(
          `${LABEL}, token remembered`,
          p50s('Known'),
          knownOperations,
          `the plain bind of docs/api.md#what-a-bind-asks-oss: the service read the token (GET cname-tokens, untimed) before each PUT; ${sequence}; ${knownCallsPerBind} OSS calls per bind`,
        ),
        callsRow(LABEL, callsPerBind, minimal.calls / BINDS, operations),
      ];
    } finally {
      await stop(hop.child);
      await stop(service.child);
    }
  } finally {
    await stopEmulator(emulator);
    work.cleanup();
  }
}
