import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Reads a JSON fixture copied from ../shared (see test/fixtures/README.md). */
export function fixture<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(root + relative, 'utf8')) as T;
}
