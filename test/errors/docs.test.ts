// The README's error table is generated from the problem catalogue, which every problem is built from: the
// table must be the one the catalogue gives now, each entry's docs anchor must exist, and the certificate
// checks that block an upload must be exactly the catalogue's certificate codes. docs/api.md explains the
// OSS mapping.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generatedSection } from '../../scripts/markdown.ts';
import { PROBLEM_SECTION, problemTable } from '../../scripts/problem-table.ts';
import { CERT_ISSUES } from '../../src/certs/index.ts';
import { CERTIFICATE_PROBLEMS } from '../../src/errors/certificate-problems.ts';
import { PROBLEM_CATALOGUE, PROBLEM_CODES } from '../../src/errors/index.ts';
import { OSS_CODE_MAP } from '../../src/errors/oss-mapping.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const doc = readFileSync(join(root, 'docs/api.md'), 'utf8');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const headings = markdown
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) =>
      line
        .replace(/^#+ /, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replaceAll(' ', '-'),
    );
  return new Set(headings);
}

describe('README.md and docs/api.md', () => {
  it('carries the error table the catalogue generates (run `npm run docs:problems` after changing it)', () => {
    expect(generatedSection(readme, PROBLEM_SECTION)).toBe(problemTable());
  });

  it('lists every code of the catalogue, the readiness ones included, in a row of its own', () => {
    expect(PROBLEM_CODES.length).toBeGreaterThan(60);
    const section = generatedSection(readme, PROBLEM_SECTION) ?? '';
    const missing = PROBLEM_CODES.filter((code) => !new RegExp(`^\\| \`${code}\` +\\|`, 'm').test(section));
    expect(missing).toEqual([]);
    expect(PROBLEM_CODES).toEqual(
      expect.arrayContaining(['not-ready', 'shutting-down', 'upstream-unavailable']),
    );
  });

  it('points every code at a section that exists', () => {
    const broken = Object.entries(PROBLEM_CATALOGUE).filter(([, entry]) => {
      const [file, anchor] = entry.docs.split('#');
      return !anchorsOf(readFileSync(join(root, file ?? ''), 'utf8')).has(anchor ?? '');
    });
    expect(broken.map(([code, entry]) => `${code}: ${entry.docs}`)).toEqual([]);
  });

  it('has a code for exactly the certificate checks that block an upload', () => {
    const blocking = Object.entries(CERT_ISSUES)
      .filter(([, issue]) => issue.severity === 'error')
      .map(([code]) => code);
    expect(Object.keys(CERTIFICATE_PROBLEMS).sort()).toEqual(blocking.sort());
    expect(blocking.filter((code) => !readme.includes(`\`${code}\``))).toEqual([]);
  });

  it('builds every problem of the service from the catalogue: no ProblemError is made outside src/errors', () => {
    const src = join(root, 'src');
    const offenders = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.startsWith('errors/'))
      .filter((file) => readFileSync(join(src, file), 'utf8').includes('new ProblemError('));
    expect(offenders).toEqual([]);
  });

  it('lists every OSS code the mapping knows', () => {
    expect(Object.keys(OSS_CODE_MAP).filter((code) => !doc.includes(`\`${code}\``))).toEqual([]);
  });
});
