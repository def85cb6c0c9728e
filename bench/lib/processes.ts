import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { closeSync, openSync, readFileSync, watch } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

// Child processes of the bench: every server under test and every load generator runs in its own
// process, so none shares an event loop with another or with the bench itself.

const START_TIMEOUT_MS = 30_000;

/** The Node binary running the bench: the pinned Node 24 when started through npm or node_modules/.bin. */
export const NODE = process.execPath;

export interface Started {
  child: ChildProcess;
  /** The first stdout line that matched `ready`, with its capture groups. */
  match: RegExpMatchArray;
}

export interface StartOptions {
  args: string[];
  env?: NodeJS.ProcessEnv | undefined;
  /** A stdout line announcing readiness. */
  ready: RegExp;
  /** Names the process in errors. */
  label: string;
  /**
   * stdout goes to this file instead of a pipe, as a production log would; readiness is then read from
   * the file. Without it stdout is a pipe the bench keeps draining.
   */
  logFile?: string | undefined;
}

/** Spawns `node <args>` and resolves when a stdout line matches `ready`; rejects if it exits first. */
export async function startNode(options: StartOptions): Promise<Started> {
  const fd = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  const child = spawn(NODE, options.args, {
    env: options.env ?? process.env,
    stdio: ['ignore', fd ?? 'pipe', 'pipe'],
  });
  if (fd !== undefined) closeSync(fd);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const lines = options.logFile === undefined ? pipeLines(child) : fileLines(options.logFile);
  // A child that never announces itself must fail the bench, not hang it.
  const timeout = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
  try {
    const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      child.once('exit', (code, signal) =>
        reject(new Error(`${options.label} exited (${code ?? signal}) before it was ready:\n${stderr}`)),
      );
      lines.on('line', (line: string) => {
        const found = options.ready.exec(line);
        if (found) resolve(found);
      });
    });
    return { child, match };
  } finally {
    clearTimeout(timeout);
    child.removeAllListeners('exit');
    lines.removeAllListeners('line');
    // A pipe is kept draining so a chatty child never blocks on it; a file needs no reader.
    if (options.logFile === undefined) lines.on('line', () => {});
    else lines.emit('stop');
  }
}

function pipeLines(child: ChildProcess): EventEmitter {
  return createInterface({ input: child.stdout as NodeJS.ReadableStream });
}

/** Emits each line appended to `file` (woken by fs.watch, never polling) until 'stop' is emitted. */
function fileLines(file: string): EventEmitter {
  const events = new EventEmitter();
  let offset = 0;
  let partial = '';
  const read = () => {
    const text = readFileSync(file).subarray(offset);
    offset += text.length;
    const parts = (partial + text.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) events.emit('line', line);
  };
  const watcher = watch(file, read);
  events.once('stop', () => watcher.close());
  queueMicrotask(read);
  return events;
}

/** SIGTERM, then waits for the exit; a child that already exited resolves at once. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** A port nobody listens on right now, for a child whose stdout is not a pipe we can read it from. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

/** Resident set size of a process in bytes, from /proc (Linux) or ps elsewhere. */
export async function rssBytes(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    if (kb !== undefined) return Number(kb) * 1024;
  } catch {
    // Not Linux: fall through to ps.
  }
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { stdout } = await promisify(execFile)('ps', ['-o', 'rss=', '-p', String(pid)]);
  return Number(stdout.trim()) * 1024;
}

/** Resolves with the file's text once `ready(text)` holds, re-reading on each change (fs.watch). */
export function waitForFileText(file: string, ready: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const text = readFileSync(file, 'utf8');
      if (!ready(text)) return false;
      watcher.close();
      resolve(text);
      return true;
    };
    const watcher = watch(file, () => {
      try {
        check();
      } catch (error) {
        watcher.close();
        reject(error);
      }
    });
    check();
  });
}
