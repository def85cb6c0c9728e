// Command-line contract of the standalone emulator:
//   node src/emulator/cli.ts --port 9000 [--host 127.0.0.1] [--dns-port 5300] [--seed seed.json] [--state state.json]

import { parseArgs } from 'node:util';

export const USAGE =
  'usage: node src/emulator/cli.ts --port <port> [--host <address>] [--dns-port <port>] [--seed <seed.json>] [--state <state.json>]';

export interface CliArgs {
  port: number;
  host: string;
  dnsPort: number;
  seedPath: string | undefined;
  statePath: string | undefined;
  help: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function port(name: string, raw: string | undefined, fallback?: number): number {
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65_535)
    throw new UsageError(`--${name} must be a port number from 0 to 65535, got "${raw}"`);
  return n;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'dns-port': { type: 'string' },
        seed: { type: 'string' },
        state: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const str = (name: string) => values[name] as string | undefined;
  if (values.help === true) {
    return { port: 0, host: '', dnsPort: 0, seedPath: undefined, statePath: undefined, help: true };
  }
  const host = str('host') ?? '127.0.0.1';
  if (host === '') throw new UsageError('--host must not be empty');
  return {
    port: port('port', str('port')),
    host,
    dnsPort: port('dns-port', str('dns-port'), 0),
    seedPath: str('seed'),
    statePath: str('state'),
    help: false,
  };
}
