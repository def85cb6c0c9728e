// The README's quickstart is a promise to newcomers: this runs that exact shell block, with curl and openssl,
// against `node src/main.ts` in emulator mode, changing only the three lines that name the key and ports.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, REPO, type ServiceProcess, startService } from '../service/helpers/process.ts';

const run = promisify(execFile);

function quickstartBlock(): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const marked = /<!-- quickstart:start -->\s*```sh\n([\s\S]*?)```\s*<!-- quickstart:end -->/.exec(readme);
  if (!marked?.[1]) throw new Error('README.md has no quickstart block between its markers');
  return marked[1];
}

function withTarget(script: string, target: { key: string; api: string; emulator: string }): string {
  const lines = script.split('\n');
  const replace = (name: string, value: string) => {
    const index = lines.findIndex((line) => line.startsWith(`${name}=`));
    if (index === -1) throw new Error(`the quickstart no longer sets ${name}`);
    lines[index] = `${name}=${value}`;
  };
  replace('KEY', target.key);
  replace('API', target.api);
  replace('EMU', target.emulator);
  return lines.join('\n');
}

let service: ServiceProcess | undefined;
afterAll(async () => service?.stop());

describe('README quickstart', () => {
  it('walks the whole lifecycle exactly as written', async () => {
    service = startService({ ...EPHEMERAL });
    const keyLine = await service.waitFor((line) => line.startsWith('Development API key: '));
    const started = await service.waitForLog('service started');
    const script = withTarget(quickstartBlock(), {
      key: keyLine.slice('Development API key: '.length),
      api: String(started.url),
      emulator: String(started.emulator),
    });
    const { stdout } = await run('bash', ['-e', '-c', script], { cwd: REPO, timeout: 60_000 });
    const said = stdout.split('\n');
    for (const line of [
      'bind before DNS: 409',
      'pass',
      'bind: 201',
      'rotate: 200',
      'rotate again with the old ETag: 412',
      'remove certificate: 204',
      'unbind: 204',
      'after unbind: 404',
    ]) {
      expect(said).toContain(line);
    }
    const listing = said.find((line) => line.startsWith('{"bucket":"examplebucket","items"'));
    expect(JSON.parse(listing ?? '{}').items[0]).toMatchObject({
      domain: 'img.example.com',
      status: 'Enabled',
      certificate: { type: 'Upload', fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/) },
    });
  }, 60_000);
});
