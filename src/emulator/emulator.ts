// Builds a running emulator: state from the seed (and the state file), the DNS server, the HTTP server,
// and a handle with the admin API's operations for tests and `npm start`.

import type { DnsServerAddress } from '../dns/types.ts';
import { createControls, type EmulatorControls } from './admin/controls.ts';
import { removeFromZone } from './alidns/dns-sync.ts';
import { type AlidnsRecord, AlidnsRecordStore } from './alidns/records.ts';
import { NonceCache } from './alidns/verify.ts';
import { EmulatorClock } from './clock.ts';
import { DEFAULT_SEED } from './default-seed.ts';
import { startDnsServer } from './dns/server.ts';
import { DnsZoneStore } from './dns/zone-store.ts';
import { FaultRegistry } from './faults/registry.ts';
import { startHttpServer } from './http/server.ts';
import { dnsTxtLookup } from './ops/ownership.ts';
import type { EmulatorOptions } from './options.ts';
import { parseSeed, type Seed } from './seed/schema.ts';
import { loadStateFile, type PersistedState, StateFile, StateFileError } from './state/persistence.ts';
import { EmulatorState } from './state/store.ts';

export interface EmulatorCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
}

export interface Emulator extends EmulatorControls {
  /** `http://HOST:PORT` */
  url: string;
  host: string;
  port: number;
  dns: DnsServerAddress;
  seed: Seed;
  /** The first access key of the first account. */
  credentials: EmulatorCredentials;
  /** The emulator's current time (base clock plus offset), epoch milliseconds. */
  now(): number;
  close(): Promise<void>;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function restore(
  saved: PersistedState,
  state: EmulatorState,
  store: DnsZoneStore,
  clock: EmulatorClock,
  alidns: AlidnsRecordStore,
): void {
  state.restore(saved.dynamic);
  clock.setOffsetMs(saved.clockOffsetMs);
  for (const entry of saved.dns) for (const rrset of entry.records) store.set(entry.name, rrset);
  const domains = new Set((state.seed.dnsDomains ?? []).map((d) => d.name));
  const kept = (record: AlidnsRecord) => domains.has(record.domainName);
  if (saved.alidns) alidns.restore(saved.alidns, kept);
  // Records of a domain the seed gave up leave the DNS server with it.
  for (const record of saved.alidns?.records ?? []) if (!kept(record)) removeFromZone(store, record);
}

export async function buildEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed === undefined ? DEFAULT_SEED : parseSeed(options.seed);
  const log = options.log ?? ((message: string) => process.stderr.write(`[oss-emulator] ${message}\n`));
  const clock = new EmulatorClock(options.now);
  const state = new EmulatorState(seed);
  const store = new DnsZoneStore();
  const alidns = new AlidnsRecordStore();
  const file = options.statePath === undefined ? undefined : new StateFile(options.statePath);
  if (options.statePath !== undefined) {
    const saved = await loadStateFile(options.statePath);
    if (saved) restore(saved, state, store, clock, alidns);
  }
  const persist = async () => {
    if (!file) return;
    await file.save({
      version: 1,
      clockOffsetMs: clock.offsetMs,
      dynamic: state.snapshot(),
      dns: store.entries(),
      alidns: alidns.snapshot(),
    });
  };
  if (file) {
    // Writing once at start-up turns an unwritable path into a start-up error, not a failed request.
    await persist().catch((error: unknown) => {
      throw new StateFileError(`cannot write state file ${file.path}: ${(error as Error).message}`, {
        cause: error,
      });
    });
  }

  const dns = await startDnsServer({ host, port: options.dnsPort ?? 0, store });
  const resolver = options.dnsResolver ?? dns.address;
  const faults = new FaultRegistry(options.random);
  const base = createControls({ state, dns: store, clock, faults, persist });
  const controls: EmulatorControls = {
    ...base,
    async reset() {
      alidns.reset();
      await base.reset();
    },
  };
  let http: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    http = await startHttpServer(host, options.port ?? 0, {
      pipeline: {
        state,
        now: () => clock.now(),
        txtLookup: dnsTxtLookup(() => resolver, options.dnsTimeoutMs ?? 2000),
        endpointHosts: new Set((options.endpointHosts ?? []).map((h) => h.toLowerCase())),
      },
      alidns: { state, records: alidns, zone: store, nonces: new NonceCache(), now: () => clock.now() },
      faults,
      controls,
      persist,
      bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
      log,
    });
  } catch (error) {
    await dns.close();
    throw error;
  }

  const firstAccount = seed.accounts[0];
  const firstKey = firstAccount?.accessKeys[0];
  let closed: Promise<void> | undefined;
  return {
    ...controls,
    url: `http://${urlHost(host)}:${http.port}`,
    host,
    port: http.port,
    dns: dns.address,
    seed,
    credentials: {
      accessKeyId: firstKey?.id ?? '',
      accessKeySecret: firstKey?.secret ?? '',
      securityToken: firstKey?.securityToken,
    },
    now: () => clock.now(),
    close() {
      closed ??= (async () => {
        await Promise.all([http.close(), dns.close()]);
        await file?.flush();
      })();
      return closed;
    },
  };
}
