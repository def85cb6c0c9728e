// The compile-cache debug reader the warm-up tests rest on: lines torn by messages from other threads must
// not read as misses, and a module compiled from source must, whichever of its two messages survives.
import { describe, expect, it } from 'vitest';
import { cacheHits, cacheMisses } from './helpers/compile-cache-reads.ts';

const DIR = '/tmp/cache/v24.21.0-x64-0';

describe('compile-cache debug reader', () => {
  it('takes no torn or lost read outcome for a miss', () => {
    const stderr = [
      `[compile cache] reading cache from ${DIR}/aa for ESM file:///app/a.js...[1 2 3 4 5]... success, size=10`,
      '[compile cache] V8 code cache for ESM file:///app/a.js was accepted, keeping the in-memory entry',
      `[compile cache] reading cache from ${DIR}/bb for CommonJS /app/node_modules/x509.js...[compile cache] V8 code cache for CommonJS /app/node_modules/dns-packet/index.js was accepted, keeping the in-memory entry`,
      // The outcome of x509.js's read never arrives on a line of its own.
      '[compile cache] V8 code cache for CommonJS /app/node_modules/x509.js was accepted, keeping the in-memory entry',
      '[compile cache] skip persisting CommonJS /app/node_modules/x509.js because cache was the same',
    ];
    expect(cacheMisses(stderr)).toEqual([]);
    expect(cacheHits(stderr)).toEqual([
      'file:///app/a.js',
      '/app/node_modules/dns-packet/index.js',
      '/app/node_modules/x509.js',
    ]);
  });

  it('counts a module V8 did not take from the cache, or that Node wrote anew at exit, as a miss', () => {
    const stderr = [
      `[compile cache] reading cache from ${DIR}/cc for ESM file:///app/[eval1]... no such file or directory`,
      '[compile cache] V8 code cache for ESM file:///app/[eval1] was not initialized, initializing the in-memory entry',
      `[compile cache] reading cache from ${DIR}/dd for ESM file:///app/b.js... no such file or directory`,
      '[compile cache] V8 code cache for ESM file:///app/b.js was not initialized, initializing the in-memory entry',
      '[compile cache] V8 code cache for CommonJS /app/c.js was rejected, reinitializing the in-memory entry',
      // d.js's verdict was torn beyond reading; its write at exit still gives it away.
      `[compile cache] writing cache for ESM file:///app/d.js to temporary file ${DIR}/ff.X [1 2 3 4 5]...success`,
      `[compile cache] writing cache for ESM file:///app/b.js to temporary file ${DIR}/dd.Y [1 2 3 4 5]...success`,
    ];
    expect(cacheMisses(stderr, (file) => file.includes('[eval'))).toEqual([
      'file:///app/b.js',
      '/app/c.js',
      'file:///app/d.js',
    ]);
  });
});
