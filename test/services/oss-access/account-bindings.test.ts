// Finding which bucket of the account holds a domain: ListBuckets paged, ListCname per bucket with the
// region ListBuckets names, bounded by CONFLICT_SCAN_MAX_BUCKETS, reused for CONFLICT_SCAN_CACHE_MS.
import { describe, expect, it } from 'vitest';
import { AccountBindings, OssAccess } from '../../../src/services/oss-access/index.ts';
import { binding } from '../../helpers/cname-info.ts';
import { FakeOss } from '../../helpers/fake-oss.ts';
import { serviceError } from '../../helpers/oss-errors.ts';

function setup(options: { maxBuckets?: number; cacheMs?: number; buckets?: number } = {}) {
  const oss = new FakeOss();
  for (let i = 0; i < (options.buckets ?? 3); i++)
    oss.addBucket(`bucket-${i}`, i % 2 ? 'cn-beijing' : 'cn-hangzhou');
  let now = 1_000;
  const regions = new OssAccess(oss, { defaultRegion: 'cn-hangzhou' });
  const index = new AccountBindings(regions, {
    maxBuckets: options.maxBuckets ?? 500,
    cacheMs: options.cacheMs ?? 60_000,
    now: () => now,
  });
  return { oss, regions, index, advance: (ms: number) => (now += ms) };
}

describe('AccountBindings', () => {
  it('finds the holder, listing each bucket in the region ListBuckets names', async () => {
    const { oss, index, regions } = setup();
    oss.bindings.set('bucket-1', [binding('www.example.com')]);
    expect(await index.holderOf('www.example.com')).toEqual({ bucket: 'bucket-1', region: 'cn-beijing' });
    expect(oss.calls.filter((c) => c.operation === 'ListCname').map((c) => c.region)).toEqual([
      'cn-hangzhou',
      'cn-beijing',
      'cn-hangzhou',
    ]);
    // The regions were learned on the way: no GetBucketLocation for them later.
    expect(await regions.bucket('bucket-1').region()).toBe('cn-beijing');
    expect(oss.operations()).not.toContain('GetBucketLocation');
  });

  it('reuses one scan within the cache time, and scans again after it', async () => {
    const { oss, index, advance } = setup();
    await index.holderOf('a.example.com');
    await index.holderOf('b.example.com');
    expect(oss.operations().filter((op) => op === 'ListBuckets')).toHaveLength(1);
    expect(index.knownDomains()).toEqual([]);
    advance(60_000);
    expect(index.knownDomains()).toEqual([]);
    await index.holderOf('a.example.com');
    expect(oss.operations().filter((op) => op === 'ListBuckets')).toHaveLength(2);
  });

  it('scans again when asked to refresh and the last scan does not show the domain', async () => {
    const { oss, index } = setup();
    expect(await index.holderOf('late.example.com')).toBeUndefined();
    oss.bindings.set('bucket-2', [binding('late.example.com')]);
    expect(await index.holderOf('late.example.com')).toBeUndefined();
    expect(await index.holderOf('late.example.com', { refresh: true })).toEqual({
      bucket: 'bucket-2',
      region: 'cn-hangzhou',
    });
    expect(index.knownDomains()).toEqual(['late.example.com']);
  });

  it('refreshes at most once per cache time, so a domain no scan finds cannot force a scan per request', async () => {
    const { oss, index, advance } = setup();
    await index.holderOf('hidden.example.com');
    const scans = () => oss.operations().filter((op) => op === 'ListBuckets').length;
    for (let i = 0; i < 5; i++) {
      expect(await index.holderOf('hidden.example.com', { refresh: true })).toBeUndefined();
      expect(await index.holderOf(`other-${i}.example.com`, { refresh: true })).toBeUndefined();
    }
    expect(scans()).toBe(2);
    advance(60_000);
    await index.holderOf('hidden.example.com', { refresh: true });
    await index.holderOf('hidden.example.com', { refresh: true });
    expect(scans()).toBe(4);
  });

  it('shares one scan between concurrent callers', async () => {
    const { oss, index } = setup();
    await Promise.all([index.holderOf('a.example.com'), index.holderOf('b.example.com')]);
    expect(oss.operations().filter((op) => op === 'ListBuckets')).toHaveLength(1);
  });

  it('pages ListBuckets and stops at the bucket limit', async () => {
    const { oss, index } = setup({ buckets: 5, maxBuckets: 3 });
    oss.bindings.set('bucket-4', [binding('far.example.com')]);
    expect(await index.holderOf('far.example.com')).toBeUndefined();
    const listed = oss.calls
      .filter((c) => c.operation === 'ListCname')
      .map((c) => (c.input as { bucket: string }).bucket);
    expect(listed.sort()).toEqual(['bucket-0', 'bucket-1', 'bucket-2']);
  });

  it('follows NextMarker across pages of at most 1000', async () => {
    const { oss, index } = setup({ buckets: 1200, maxBuckets: 2000 });
    oss.bindings.set('bucket-999', [binding('deep.example.com')]);
    expect(await index.holderOf('deep.example.com')).toEqual({ bucket: 'bucket-999', region: 'cn-beijing' });
    const pages = oss.calls.filter((c) => c.operation === 'ListBuckets').map((c) => c.input);
    const firstPageLast = [...oss.buckets.keys()].sort()[999];
    expect(pages).toEqual([
      { marker: undefined, maxKeys: 1000 },
      { marker: firstPageLast, maxKeys: 1000 },
    ]);
    expect(oss.calls.filter((c) => c.operation === 'ListCname')).toHaveLength(1200);
  });

  it('never fails the request: a denied ListBuckets or ListCname just leaves buckets out', async () => {
    const { oss, index } = setup();
    oss.failNext.set('ListBuckets', serviceError(403, 'AccessDenied'));
    expect(await index.holderOf('x.example.com')).toBeUndefined();
    const second = setup();
    second.oss.bindings.set('bucket-2', [binding('x.example.com')]);
    second.oss.failNext.set('ListCname', serviceError(403, 'AccessDenied'));
    expect(await second.index.holderOf('x.example.com')).toEqual({
      bucket: 'bucket-2',
      region: 'cn-hangzhou',
    });
  });

  it('does nothing with CONFLICT_SCAN_MAX_BUCKETS=0', async () => {
    const { oss, index } = setup({ maxBuckets: 0 });
    expect(await index.holderOf('x.example.com', { refresh: true })).toBeUndefined();
    expect(oss.calls).toEqual([]);
  });
});
