// The compile-cache debug reader the warm-up tests rest on: a line torn by another message must not read
// as a miss, and a real miss (or a read whose outcome never came) must.
import { describe, expect, it } from 'vitest';
import { cacheMisses, compileCacheReads } from './helpers/compile-cache-reads.ts';

const DIR = '/tmp/cache/v24.21.0-x64-0';

describe('compileCacheReads', () => {
  it('matches an outcome cut off by another message back to its read', () => {
    const stderr = [
      `[compile cache] reading cache from ${DIR}/aa for ESM file:///app/a.js...[1 2 3 4 5]... success, size=10`,
      `[compile cache] reading cache from ${DIR}/bb for CommonJS /app/node_modules/x509.js...[compile cache] V8 code cache for CommonJS /app/node_modules/dns-packet/index.js was accepted, keeping the in-memory entry`,
      '[6 7 8 9 10]... success, size=20',
    ];
    expect(compileCacheReads(stderr)).toEqual([
      { file: 'file:///app/a.js', outcome: '[1 2 3 4 5]... success, size=10' },
      { file: '/app/node_modules/x509.js', outcome: '[6 7 8 9 10]... success, size=20' },
    ]);
    expect(cacheMisses(stderr)).toEqual([]);
  });

  it('counts a missing cache file, and a read that never got an outcome, as misses', () => {
    const stderr = [
      `[compile cache] reading cache from ${DIR}/cc for ESM file:///app/[eval1]... no such file or directory`,
      `[compile cache] reading cache from ${DIR}/dd for ESM file:///app/b.js... no such file or directory`,
      `[compile cache] reading cache from ${DIR}/ee for ESM file:///app/c.js...`,
    ];
    expect(cacheMisses(stderr, (file) => file.includes('[eval')).map((read) => read.file)).toEqual([
      'file:///app/b.js',
      'file:///app/c.js',
    ]);
  });
});
