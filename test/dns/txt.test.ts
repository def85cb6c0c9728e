import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinTxt, splitTxt } from '../../src/dns/txt.ts';

describe('TXT character-strings', () => {
  it('splits at 255 bytes and keeps short values whole', () => {
    expect(splitTxt('abc').map((part) => part.length)).toEqual([3]);
    expect(splitTxt('x'.repeat(255)).map((part) => part.length)).toEqual([255]);
    expect(splitTxt('x'.repeat(256)).map((part) => part.length)).toEqual([255, 1]);
    expect(splitTxt('').map((part) => part.length)).toEqual([0]);
  });

  it('round-trips any value, multi-byte characters included, with parts of at most 255 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 1200 }), (value) => {
        const parts = splitTxt(value);
        expect(parts.every((part) => part.length <= 255)).toBe(true);
        expect(joinTxt(parts)).toBe(value);
      }),
    );
  });
});
