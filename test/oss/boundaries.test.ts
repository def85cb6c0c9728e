// The OSS client stands alone: src/oss imports nothing else from src, routes reach OSS only through the
// services, and OSS error shapes are read only inside src/oss and by the one mapping to problems.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

interface SourceFile {
  /** Path relative to src, with forward slashes. */
  path: string;
  text: string;
}

function sources(dir = SRC): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    if (!entry.name.endsWith('.ts')) return [];
    return [{ path: relative(SRC, full).split('\\').join('/'), text: readFileSync(full, 'utf8') }];
  });
}

/** Every relative module a file imports or re-exports, as a path relative to src. */
function importsOf(file: SourceFile): string[] {
  const specifiers = [...file.text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((spec) =>
    relative(SRC, resolve(SRC, dirname(file.path), spec as string))
      .split('\\')
      .join('/'),
  );
}

/** Imports that break the OSS boundaries, as `importer → imported`. */
function violations(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    for (const target of importsOf(file)) {
      const inOss = target.startsWith('oss/');
      if (file.path.startsWith('oss/') && !inOss)
        found.push(`${file.path} → ${target} (src/oss stands alone)`);
      if (file.path.startsWith('routes/') && inOss)
        found.push(`${file.path} → ${target} (routes use services)`);
      const readsShapes = target === 'oss/errors.ts';
      const mayRead = file.path.startsWith('oss/') || file.path === 'errors/oss-error-shape.ts';
      if (readsShapes && !mayRead) found.push(`${file.path} → ${target} (OSS error shapes stay in src/oss)`);
    }
  }
  return found;
}

describe('OSS boundaries', () => {
  const files = sources();

  it('reads the imports it checks', () => {
    const client = files.find((f) => f.path === 'oss/client.ts');
    expect(client && importsOf(client)).toContain('oss/invoke.ts');
    expect(files.filter((f) => f.path.startsWith('routes/')).length).toBeGreaterThan(3);
  });

  it('holds in src', () => {
    expect(violations(files)).toEqual([]);
  });

  it('fails when src/oss imports the rest of src, a route imports src/oss, or a service reads OSS errors', () => {
    const broken: SourceFile[] = [
      { path: 'oss/client.ts', text: "import { ProblemError } from '../errors/problem.ts';" },
      { path: 'routes/cnames-read.ts', text: "import type { OssInvoker } from '../oss/index.ts';" },
      { path: 'services/bindings/x.ts', text: "import { OssServiceError } from '../../oss/errors.ts';" },
    ];
    expect(violations(broken)).toEqual([
      'oss/client.ts → errors/problem.ts (src/oss stands alone)',
      'routes/cnames-read.ts → oss/index.ts (routes use services)',
      'services/bindings/x.ts → oss/errors.ts (OSS error shapes stay in src/oss)',
    ]);
  });
});
