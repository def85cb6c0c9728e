// Standalone emulator. Prints exactly one line on stdout once it accepts requests:
//   OSS emulator listening on http://HOST:PORT (dns udp://HOST:DNSPORT)
// Exits 0 on SIGINT/SIGTERM, 2 on bad arguments or an invalid seed/state file, 1 when it cannot start.

import { readFile } from 'node:fs/promises';
import { parseCliArgs, USAGE, UsageError } from './cli-args.ts';
import { buildEmulator } from './emulator.ts';
import { SeedError } from './seed/schema.ts';
import { StateFileError } from './state/persistence.ts';

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function readSeed(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SeedError(`cannot read seed file ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SeedError(`seed file ${path} is not JSON: ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseCliArgs>;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) fail(2, `${error.message}\n${USAGE}`);
    throw error;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let emulator: Awaited<ReturnType<typeof buildEmulator>>;
  try {
    const seed = args.seedPath === undefined ? undefined : await readSeed(args.seedPath);
    emulator = await buildEmulator({
      host: args.host,
      port: args.port,
      dnsPort: args.dnsPort,
      seed,
      statePath: args.statePath,
    });
  } catch (error) {
    if (error instanceof SeedError || error instanceof StateFileError) fail(2, error.message);
    fail(1, `cannot start the OSS emulator: ${(error as Error).message}`);
  }
  // Handlers go in before the line is printed: a supervisor may signal as soon as it reads it.
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => fail(1, `error while closing: ${(error as Error).message}`),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const dnsHost = emulator.dns.host.includes(':') ? `[${emulator.dns.host}]` : emulator.dns.host;
  process.stdout.write(
    `OSS emulator listening on ${emulator.url} (dns udp://${dnsHost}:${emulator.dns.port})\n`,
  );
}

main().catch((error: unknown) => fail(1, (error as Error).stack ?? String(error)));
