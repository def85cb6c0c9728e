import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ListQueryInput } from '../../../src/schemas/cname.ts';
import { bindingView } from '../../../src/services/bindings/binding-view.ts';
import { pageOf } from '../../../src/services/bindings/list-page.ts';
import { binding } from '../../helpers/cname-info.ts';

const views = [
  binding('d.example.com', { certId: '1-cn-hangzhou', validUntil: '2026-06-01T00:00:00.000Z' }),
  binding('a.example.com'),
  binding('c.example.com', { certId: '2-cn-hangzhou', validUntil: '2027-06-01T00:00:00.000Z' }),
  { ...binding('b.example.com'), status: 'Disabled' },
  binding('e.example.com'),
].map((info) => bindingView('bucket', 'cn-hangzhou', info));

const query = (q: Partial<ListQueryInput> = {}): ListQueryInput => ({ limit: 50, ...q });
const domains = (page: { items: { domain: string }[] }) => page.items.map((b) => b.domain);

describe('list paging', () => {
  it('orders by domain', () => {
    expect(domains(pageOf(views, query()))).toEqual([
      'a.example.com',
      'b.example.com',
      'c.example.com',
      'd.example.com',
      'e.example.com',
    ]);
  });

  it('walks every binding exactly once in pages of `limit`', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = pageOf(views, query({ limit: 2, cursor }));
      seen.push(...domains(page));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([
      'a.example.com',
      'b.example.com',
      'c.example.com',
      'd.example.com',
      'e.example.com',
    ]);
  });

  it('continues after the last domain served even when bindings change between pages', () => {
    const first = pageOf(views, query({ limit: 2 }));
    const shrunk = views.filter((v) => v.domain !== 'b.example.com');
    const second = pageOf(shrunk, query({ limit: 2, cursor: first.nextCursor ?? '' }));
    expect(domains(second)).toEqual(['c.example.com', 'd.example.com']);
  });

  it('pages any set of bindings, with any limit, into the sorted whole without repeats', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.domain(), { maxLength: 40, selector: (d) => d.toLowerCase() }),
        fc.integer({ min: 1, max: 7 }),
        (names, limit) => {
          const all = names.map((name) => bindingView('bucket', 'cn-hangzhou', binding(name.toLowerCase())));
          const seen: string[] = [];
          let cursor: string | undefined;
          for (let pages = 0; pages <= all.length; pages++) {
            const page = pageOf(all, query({ limit, cursor }));
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...domains(page));
            cursor = page.nextCursor ?? undefined;
            if (!cursor) break;
          }
          expect(cursor).toBeUndefined();
          expect(seen).toEqual(all.map((b) => b.domain).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        },
      ),
    );
  });

  it('has no next cursor on the last page', () => {
    expect(pageOf(views, query({ limit: 5 })).nextCursor).toBeNull();
  });

  it('filters by status, certificate and expiry', () => {
    expect(domains(pageOf(views, query({ status: 'Disabled' })))).toEqual(['b.example.com']);
    expect(domains(pageOf(views, query({ certificate: 'any' })))).toEqual(['c.example.com', 'd.example.com']);
    expect(domains(pageOf(views, query({ certificate: 'none' })))).toEqual([
      'a.example.com',
      'b.example.com',
      'e.example.com',
    ]);
    expect(domains(pageOf(views, query({ expiresBefore: '2026-12-31' })))).toEqual(['d.example.com']);
    expect(domains(pageOf(views, query({ expiresBefore: '2026-06-01T00:00:00Z' })))).toEqual([]);
    expect(domains(pageOf(views, query({ expiresBefore: '2026-06-01T00:00:01+00:00' })))).toEqual([
      'd.example.com',
    ]);
  });

  it('refuses a cursor used with other filters, or not issued by the service', () => {
    const first = pageOf(views, query({ limit: 1, certificate: 'none' }));
    expect(() => pageOf(views, query({ limit: 1, cursor: first.nextCursor ?? '' }))).toThrow(
      expect.objectContaining({ status: 400, code: 'invalid-cursor' }),
    );
    expect(() => pageOf(views, query({ cursor: 'garbage' }))).toThrow(
      expect.objectContaining({ code: 'invalid-cursor' }),
    );
  });
});

describe('binding view', () => {
  it('shows a wildcard binding (Agentic buckets) with its *. prefix, and IDN in Unicode', () => {
    const wildcard = bindingView('bucket', 'cn-hangzhou', { ...binding('example.com'), isWildcard: true });
    expect(wildcard).toMatchObject({
      domain: '*.example.com',
      domainUnicode: '*.example.com',
      wildcard: true,
    });
    const idn = bindingView('bucket', 'cn-hangzhou', binding('xn--bcher-kva.example'));
    expect(idn).toMatchObject({
      domain: 'xn--bcher-kva.example',
      domainUnicode: 'bücher.example',
      etag: '"none"',
    });
  });
});
