// Runs `node src/main.ts` as operators do, with a clean environment, and lets tests wait for log lines
// and the exit instead of sleeping.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

type Matcher = (line: string) => boolean;

export class ServiceProcess {
  readonly child: ChildProcess;
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly #dataDir: string | undefined;
  readonly #waiters: Array<{ stream: 'stdout' | 'stderr'; match: Matcher; resolve: (line: string) => void }> =
    [];

  constructor(args: string[], env: Record<string, string>) {
    // Each process gets its own DATA_DIR unless the test shares one: the embedded store is one process's.
    this.#dataDir = env.DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'oss-cname-data-')) : undefined;
    this.child = spawn(process.execPath, args, {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        ...(this.#dataDir === undefined ? {} : { DATA_DIR: this.#dataDir }),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = once(this.child, 'exit').then(([code, signal]) => ({ code, signal }));
    this.#read('stdout');
    this.#read('stderr');
  }

  #read(stream: 'stdout' | 'stderr'): void {
    const source = this.child[stream];
    if (!source) return;
    createInterface({ input: source }).on('line', (line) => {
      this[stream].push(line);
      for (const waiter of [...this.#waiters]) {
        if (waiter.stream === stream && waiter.match(line)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
  }

  /** Resolves with the first line (already seen or future) that matches; rejects if the process exits first. */
  waitFor(match: Matcher | string, stream: 'stdout' | 'stderr' = 'stdout'): Promise<string> {
    const test = typeof match === 'string' ? (line: string) => line.includes(match) : match;
    const seen = this[stream].find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.#waiters.push({ stream, match: test, resolve });
      void this.exited.then(({ code }) =>
        reject(new Error(`service exited (${code}) before printing the expected line:\n${this.output()}`)),
      );
    });
  }

  /** JSON log lines with the given msg. */
  async waitForLog(msg: string): Promise<Record<string, unknown>> {
    const line = await this.waitFor(
      (l) => l.startsWith('{') && (JSON.parse(l) as { msg?: string }).msg === msg,
    );
    return JSON.parse(line) as Record<string, unknown>;
  }

  /** The base URL from the 'service started' line. */
  async url(): Promise<string> {
    return String((await this.waitForLog('service started')).url);
  }

  output(): string {
    return [...this.stdout, ...this.stderr.map((l) => `stderr: ${l}`)].join('\n');
  }

  /**
   * SIGTERM first: the service then stops what it started itself (in emulator mode, Pebble), which a
   * SIGKILL would leave running with no parent. SIGKILL only when it does not exit in time.
   */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const force = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(force);
    }
    await this.exited;
    if (this.#dataDir !== undefined) rmSync(this.#dataDir, { recursive: true, force: true });
  }
}

export function startService(env: Record<string, string>): ServiceProcess {
  return new ServiceProcess(['src/main.ts'], env);
}

/** Ports 0 so parallel test files never collide. */
export const EPHEMERAL = { HOST: '127.0.0.1', PORT: '0', EMULATOR_PORT: '0', EMULATOR_DNS_PORT: '0' };
