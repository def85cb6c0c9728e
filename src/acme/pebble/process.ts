// Process chores of the Pebble harness: finding the binary, keeping the tail of its output for error
// messages, stopping it.

import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export function collectTail(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The pebble binary on the PATH, or undefined: emulator mode then answers managed-certificates-unavailable. */
export function findPebble(path = process.env.PATH ?? ''): string | undefined {
  return findExecutable('pebble', path);
}

/** `name` if it is a path to an executable, else the first executable of that name on the PATH. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  const dirs = name.includes('/') ? [''] : path.split(delimiter).filter((dir) => dir !== '');
  for (const dir of dirs) {
    const candidate = dir === '' ? name : join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

/**
 * The command that runs `binary` so that the kernel kills it when this process dies without stopping it
 * (kill -9, the OOM killer), where no exit handler runs: Linux's parent-death signal, set by util-linux's
 * setpriv, which then runs the binary in its place (same pid). The signal follows the thread that spawned
 * it, which is the main thread in the service and in forked test workers. Elsewhere, the binary as is.
 */
export function diesWithParent(binary: string, args: string[]): { command: string; args: string[] } {
  const setpriv = process.platform === 'linux' ? findExecutable('setpriv') : undefined;
  // A missing binary is spawned as is, so that it fails with ENOENT and says so.
  const resolved = findExecutable(binary);
  if (setpriv === undefined || resolved === undefined) return { command: binary, args };
  return { command: setpriv, args: ['--pdeathsig', 'KILL', '--', resolved, ...args] };
}
