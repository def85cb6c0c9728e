// Forged but well-formed list cursors are refused (issue 19, Info): cursors are sealed with an HMAC
// whose key is CURSOR_SECRET (shared by replicas, stable across restarts) or random per process.
import { afterAll, describe, expect, it } from 'vitest';
import { openCursor, sealCursor, useCursorSecret } from '../../src/paging/cursor-seal.ts';
import type { BindingView } from '../../src/schemas/cname.ts';
import { pageOf } from '../../src/services/bindings/list-page.ts';

const bindings = ['a.example.com', 'b.example.com', 'c.example.com'].map(
  (domain) => ({ domain, status: 'Enabled', certificate: null }) as unknown as BindingView,
);
const query = { limit: 1 } as Parameters<typeof pageOf>[1];

afterAll(() => useCursorSecret('a-secret-for-nobody-else-0123'));

describe('list cursors', () => {
  it('refuses a well-formed cursor the service did not issue', () => {
    const forged = Buffer.from(JSON.stringify({ v: 1, after: 'a.example.com', f: '["","",""]' })).toString(
      'base64url',
    );
    expect(() => pageOf(bindings, { ...query, cursor: forged })).toThrow(/not one this service issued/);
    expect(() => pageOf(bindings, { ...query, cursor: `${forged}.AAAAAAAAAAAAAAAAAAAAAA` })).toThrow(
      /not one this service issued/,
    );
  });

  it('pages with the cursors it issues', () => {
    const first = pageOf(bindings, query);
    expect(first.items.map((b) => b.domain)).toEqual(['a.example.com']);
    const second = pageOf(bindings, { ...query, cursor: first.nextCursor ?? '' });
    expect(second.items.map((b) => b.domain)).toEqual(['b.example.com']);
  });

  it('reads a cursor sealed under the same CURSOR_SECRET, as another replica or a restart would', () => {
    useCursorSecret('shared-by-every-replica-0001');
    const sealed = sealCursor('payload');
    useCursorSecret('another-deployment-secret-02');
    expect(openCursor(sealed)).toBeUndefined();
    useCursorSecret('shared-by-every-replica-0001');
    expect(openCursor(sealed)).toBe('payload');
    expect(openCursor(`${sealed.slice(0, -2)}AA`)).toBeUndefined();
  });
});
