// The README's error table must list every problem code a caller can meet: the codes are collected from the
// sources that raise them, so a new code without documentation fails here. docs/api.md explains the
// certificate checks and the OSS mapping.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CERT_ISSUES } from '../../src/certs/index.ts';
import { OSS_CODE_MAP } from '../../src/errors/oss-mapping.ts';
import { UPSTREAM_UNAVAILABLE } from '../../src/resilience/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const doc = readFileSync(join(root, 'docs/api.md'), 'utf8');

function files(path: string): string[] {
  const full = join(root, path);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(full, name));
}

/** Problem codes written as `code: 'kebab-case'` or as keys of a status table (`'kebab-case': { status`). */
function codesIn(paths: string[]): Set<string> {
  const codes = new Set<string>();
  for (const file of paths.flatMap(files)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/code: '([a-z]+(?:-[a-z]+)+)'/g)) codes.add(match[1] as string);
    for (const match of text.matchAll(/'([a-z]+(?:-[a-z]+)+)': \{ status/g)) codes.add(match[1] as string);
  }
  return codes;
}

describe('README.md and docs/api.md', () => {
  it('the README lists every problem code of the API, auth and error layers in its table', () => {
    const codes = codesIn([
      'src/errors',
      'src/domain',
      'src/services',
      'src/routes',
      'src/plugins/error-handler.ts',
      'src/plugins/auth.ts',
      'src/auth/problems.ts',
      'src/resilience',
    ]);
    for (const mapping of Object.values(OSS_CODE_MAP)) codes.add(mapping.code);
    codes.add(UPSTREAM_UNAVAILABLE);
    expect(codes.size).toBeGreaterThan(40);
    // A table row's first cell, however Biome pads the table.
    const missing = [...codes].filter((code) => !new RegExp(`^\\| \`${code}\` +\\|`, 'm').test(readme));
    expect(missing).toEqual([]);
  });

  it('the README names every certificate check that blocks an upload', () => {
    const blocking = Object.entries(CERT_ISSUES)
      .filter(([, issue]) => issue.severity === 'error')
      .map(([code]) => code);
    expect(blocking.filter((code) => !readme.includes(`\`${code}\``))).toEqual([]);
  });

  it('lists every OSS code the mapping knows', () => {
    expect(Object.keys(OSS_CODE_MAP).filter((code) => !doc.includes(`\`${code}\``))).toEqual([]);
  });
});
