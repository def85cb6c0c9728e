// A real, throwaway PostgreSQL cluster: Debian's server binaries (scripts/test-setup.sh installs them),
// initdb in a temporary directory, served on a free 127.0.0.1 port. The run's global set-up starts one for
// every test; a fault test starts its own to stop and start it. PostgreSQL refuses to run as root, so as
// root it runs as the `postgres` user.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface PostgresCluster {
  /** Superuser URL of the cluster's `postgres` database. */
  url: string;
  /** pg_ctl stop: `fast` ends sessions cleanly, `immediate` is a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  destroy(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) {
    throw new Error(
      'PostgreSQL server binaries are missing: run `bash scripts/test-setup.sh` (installs postgresql)',
    );
  }
  return join(root, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function idOf(user: string, flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
}

const execFileAsync = promisify(execFile);

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'oss-cname-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, idOf('postgres', '-u'), idOf('postgres', '-g'));
  const run = async (tool: string, args: string[]) => {
    if (asRoot) await execFileAsync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]);
    else await execFileAsync(join(bin, tool), args);
  };
  const data = join(dir, 'data');
  const port = await freePort();
  const options = `-p ${port} -h 127.0.0.1 -k ${dir} -F -c max_connections=300 -c shared_buffers=16MB`;
  const start = () =>
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'immediate') =>
    run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  try {
    await run('initdb', [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    async destroy() {
      try {
        await stop().catch(() => {});
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
