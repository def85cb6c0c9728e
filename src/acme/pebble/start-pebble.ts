// Starts Debian's `pebble` (Let's Encrypt's ACME test server) on free 127.0.0.1 ports, with its DNS-01
// lookups sent to a DNS server of ours, for tests and for emulator mode. It stops with close() or when
// this process exits.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DnsServerAddress } from '../../dns/types.ts';
import { freePort } from './free-port.ts';
import { httpsGet } from './https-get.ts';
import { collectTail, diesWithParent, stopChild } from './process.ts';
import { makePebbleTls } from './tls.ts';

export interface PebbleOptions {
  /** Where Pebble resolves _acme-challenge TXT records (and A records). */
  dnsServer: DnsServerAddress;
  /** Seconds an issued certificate is valid; Pebble's default is about five years. */
  certificateValidityPeriod?: number;
  /** Percentage of good nonces Pebble rejects as badNonce; 0 (default) turns that off. */
  nonceReject?: number;
  /** Require external account binding with these keys (kid → base64url HMAC key). */
  eabKeys?: Record<string, string>;
  /** The pebble binary; default `pebble` from the PATH. */
  binary?: string;
  /** Milliseconds to wait for the directory to answer; default 15 000. */
  startTimeoutMs?: number;
}

export interface Pebble {
  directoryUrl: string;
  /** The CA of Pebble's own HTTPS listener: trust it for the directory's origin only. */
  tlsCaPem: string;
  /** The root that signs issued certificates (new at every start). */
  rootPem: string;
  close(): Promise<void>;
}

const START_ATTEMPTS = 3;

export async function startPebble(opts: PebbleOptions): Promise<Pebble> {
  const dir = await mkdtemp(join(tmpdir(), 'pebble-'));
  try {
    const tls = await makePebbleTls(dir);
    for (let attempt = 1; ; attempt++) {
      try {
        return await startOnce(opts, dir, tls);
      } catch (error) {
        // A port picked free may have been taken before Pebble bound it; fresh ports settle that.
        if (!(error instanceof PortTakenError) || attempt >= START_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

class PortTakenError extends Error {}

async function startOnce(
  opts: PebbleOptions,
  dir: string,
  tls: { caPem: string; certFile: string; keyFile: string },
): Promise<Pebble> {
  const [port, mgmtPort] = [await freePort(), await freePort()];
  const config = {
    pebble: {
      listenAddress: `127.0.0.1:${port}`,
      managementListenAddress: `127.0.0.1:${mgmtPort}`,
      certificate: tls.certFile,
      privateKey: tls.keyFile,
      // Only DNS-01 is used; these are the ports Pebble's VA would dial for the other challenge types.
      httpPort: 5002,
      tlsPort: 5001,
      ocspResponderURL: '',
      externalAccountBindingRequired: opts.eabKeys !== undefined,
      ...(opts.eabKeys === undefined ? {} : { externalAccountMACKeys: opts.eabKeys }),
      ...(opts.certificateValidityPeriod === undefined
        ? {}
        : { certificateValidityPeriod: opts.certificateValidityPeriod }),
    },
  };
  const configFile = join(dir, `pebble-${port}.json`);
  await writeFile(configFile, JSON.stringify(config));
  const { host, port: dnsPort } = opts.dnsServer;
  const command = diesWithParent(opts.binary ?? 'pebble', [
    '-config',
    configFile,
    '-dnsserver',
    `${host.includes(':') ? `[${host}]` : host}:${dnsPort}`,
  ]);
  const child = spawn(command.command, command.args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PEBBLE_VA_NOSLEEP: '1',
      PEBBLE_WFE_NONCEREJECT: String(opts.nonceReject ?? 0),
    },
  });
  const output = collectTail(child);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
  };

  const directoryUrl = `https://127.0.0.1:${port}/dir`;
  try {
    await waitForDirectory(child, directoryUrl, tls.caPem, opts.startTimeoutMs ?? 15_000, output);
    const root = await httpsGet(`https://127.0.0.1:${mgmtPort}/roots/0`, tls.caPem);
    if (root.status !== 200) throw new Error(`pebble: GET /roots/0 answered ${root.status}`);
    let closing: Promise<void> | undefined;
    return {
      directoryUrl,
      tlsCaPem: tls.caPem,
      rootPem: root.body,
      close() {
        closing ??= stop().then(() => rm(dir, { recursive: true, force: true }));
        return closing;
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForDirectory(
  child: ChildProcess,
  url: string,
  ca: string,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  while (Date.now() < deadline) {
    if (spawnError !== undefined) {
      const missing = (spawnError as NodeJS.ErrnoException).code === 'ENOENT';
      throw new Error(
        missing ? 'pebble is not installed (apt-get install pebble)' : `pebble: ${spawnError.message}`,
      );
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = output();
      if (/address already in use/i.test(log)) throw new PortTakenError(log);
      throw new Error(`pebble exited (${child.exitCode ?? child.signalCode}) before answering: ${log}`);
    }
    try {
      const res = await httpsGet(url, ca, 1_000);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`pebble did not answer at ${url} within ${timeoutMs} ms: ${output()}`);
}
