// The README's managed quickstart, run as written (only the lines naming the key and ports change)
// against `node src/main.ts` in emulator mode with Debian's pebble on the PATH: one POST, the records it
// lists published in the emulator's DNS, and the domain becomes ready with no other call, with a
// certificate issued by Pebble attached at the emulator. The schedule is shortened so it takes seconds.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, REPO, type ServiceProcess, startService } from '../service/helpers/process.ts';

const run = promisify(execFile);

function managedBlock(): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const marked =
    /<!-- managed-quickstart:start -->\s*```sh\n([\s\S]*?)```\s*<!-- managed-quickstart:end -->/.exec(readme);
  if (!marked?.[1]) throw new Error('README.md has no managed quickstart block between its markers');
  return marked[1];
}

function withTarget(script: string, values: Record<'KEY' | 'API' | 'EMU', string>): string {
  const lines = script.split('\n');
  for (const [name, value] of Object.entries(values)) {
    const index = lines.findIndex((line) => line.startsWith(`${name}=`));
    if (index === -1) throw new Error(`the managed quickstart no longer sets ${name}`);
    lines[index] = `${name}=${value}`;
  }
  return lines.join('\n');
}

let service: ServiceProcess | undefined;
afterAll(async () => service?.stop());

describe('README managed quickstart', () => {
  it('attaches, publishes the listed records and watches the domain become ready with a certificate', async () => {
    service = startService({ ...EPHEMERAL, RECONCILE_BASE_DELAY_MS: '200', RECONCILE_POLL_MS: '100' });
    const keyLine = await service.waitFor((line) => line.startsWith('Development API key: '));
    const started = await service.waitForLog('service started');
    // The CA is the Pebble this service started (and stops with it).
    await service.waitFor((line) =>
      /"msg":"Managed certificates: ACME Pebble at https:\/\/127\.0\.0\.1:/.test(line),
    );
    const key = keyLine.slice('Development API key: '.length);
    const script = withTarget(managedBlock(), {
      KEY: key,
      API: String(started.url),
      EMU: String(started.emulator),
    });
    const { stdout } = await run('bash', ['-e', '-c', script], { cwd: REPO, timeout: 50_000 });
    const lines = stdout.split('\n');
    expect(lines).toContain('attach: 202');
    const ready = lines
      .map((line) =>
        /^status: bound, ready: true, certificate: active ((?:[0-9A-F]{2}:){19}[0-9A-F]{2})$/.exec(line),
      )
      .find((m) => m !== null);
    if (!ready) throw new Error(`the quickstart did not end ready with a certificate:\n${stdout}`);
    expect(lines).toContain(`at OSS: Upload ${ready[1]}`);
    const res = await fetch(`${String(started.url)}/buckets/examplebucket/domains/shop.example.com`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const domain = (await res.json()) as { certificate: object; dnsRecords: { satisfied: boolean }[] };
    expect(domain.certificate).toMatchObject({ mode: 'managed', status: 'active', fingerprint: ready[1] });
    expect(domain.dnsRecords.map((r) => r.satisfied)).toEqual([true, true, true]);
  }, 60_000);
});
