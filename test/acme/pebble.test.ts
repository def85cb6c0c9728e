import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { httpsGet } from '../../src/acme/pebble/https-get.ts';
import { findPebble, startPebble } from '../../src/acme/pebble/index.ts';
import { startDnsServer } from '../../src/emulator/dns/server.ts';

describe('the Pebble harness', () => {
  it('finds pebble on the PATH, and says so when it is not there', () => {
    expect(findPebble()).toMatch(/\/pebble$/);
    expect(findPebble('/nonexistent')).toBeUndefined();
  });

  it('serves a directory on 127.0.0.1 with its own CA, and is gone after close', async () => {
    const dns = await startDnsServer();
    try {
      const pebble = await startPebble({ dnsServer: dns.address });
      expect(pebble.directoryUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/dir$/);
      const dir = JSON.parse((await httpsGet(pebble.directoryUrl, pebble.tlsCaPem)).body) as Record<
        string,
        string
      >;
      expect(dir.newOrder).toContain(new URL(pebble.directoryUrl).host);
      expect(pebble.rootPem).toContain('BEGIN CERTIFICATE');
      await pebble.close();
      await expect(httpsGet(pebble.directoryUrl, pebble.tlsCaPem)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await dns.close();
    }
  });

  it('fails clearly when the binary is missing', async () => {
    await expect(
      startPebble({ dnsServer: { host: '127.0.0.1', port: 53 }, binary: '/nonexistent/pebble' }),
    ).rejects.toThrow(/pebble is not installed/);
  });

  it('dies with the process that started it, even when that one is killed with -9', async () => {
    const dns = await startDnsServer();
    // A process of its own starts Pebble and stays up; no exit handler runs when it is SIGKILLed.
    const starter = `
      import { startPebble } from ${JSON.stringify(new URL('../../src/acme/pebble/index.ts', import.meta.url).href)};
      const pebble = await startPebble({ dnsServer: { host: '127.0.0.1', port: ${dns.address.port} } });
      console.log(JSON.stringify({ url: pebble.directoryUrl, ca: pebble.tlsCaPem }));
      setInterval(() => {}, 1_000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', starter], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const started = JSON.parse(line) as { url: string; ca: string };
      expect((await httpsGet(started.url, started.ca)).status).toBe(200);
      // Asked nothing from now on: a Pebble that writes a log line after its parent died dies of SIGPIPE
      // anyway; an idle one stays unless the kernel kills it.
      const pid = pidOf(`pebble-${new URL(started.url).port}.json`);
      child.kill('SIGKILL');
      await once(child, 'exit');
      const deadline = Date.now() + 5_000;
      while (isRunning(pid)) {
        if (Date.now() > deadline) throw new Error('pebble outlived the process that started it');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await dns.close();
    }
  });
});

/** The pid of the process whose command line holds `marker` (Linux /proc). */
function pidOf(marker: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  throw new Error(`no process with ${marker} in its command line`);
}

/** Alive and not a zombie (a container's init may never reap an orphan). */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
