// Runs the standalone emulator as the contract describes: node_modules/.bin/node src/emulator/cli.ts.

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  /** The first stdout line. */
  firstLine: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
}

export function runCli(args: string[]): CliRun {
  const child = spawn(`${root}node_modules/.bin/node`, ['src/emulator/cli.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline !== -1) resolve(out.slice(0, newline));
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}) before printing: ${err}`)));
  });
  // The exit handler above may reject after the line arrived; that rejection is never observed.
  firstLine.catch(() => {});
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, firstLine, exited, stdout: () => out, stderr: () => err };
}

export const LISTENING =
  /^OSS emulator listening on http:\/\/127\.0\.0\.1:(\d+) \(dns udp:\/\/127\.0\.0\.1:(\d+)\)$/;

export function portsOf(line: string): { http: number; dns: number } {
  const m = LISTENING.exec(line);
  if (!m) throw new Error(`unexpected first line: ${line}`);
  return { http: Number(m[1]), dns: Number(m[2]) };
}
