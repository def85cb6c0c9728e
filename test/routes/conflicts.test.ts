// What a bind answers when OSS says the domain is taken or not allowed, beyond OSS's own words: which
// bucket of the account holds it (when the caller may know), what to do about another account's claim,
// and that the ICP rule is not a DNS problem.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OssClient } from '../../src/oss/index.ts';
import { bindDirectly, clientFor } from '../helpers/direct-oss.ts';
import { testKey } from '../helpers/keys.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const noSibling = testKey('no-sibling', { buckets: ['examplebucket', 'beijingbucket'] });
let stack: Stack;
let service: OssClient;

beforeAll(async () => {
  // Each test binds its conflict afresh; a scan cache would hide it (one refresh per cache time, F6).
  stack = await startStack({ keys: [noSibling], config: (c) => ({ ...c, CONFLICT_SCAN_CACHE_MS: 0 }) });
  service = clientFor(stack, 'LTAI5tServiceKey', 'service-secret');
});
afterAll(async () => {
  await service.close();
  await stack.close();
});
beforeEach(() => stack.emulator.reset());

const put = (domain: string, bucket = 'examplebucket', headers = stack.admin.headers) =>
  stack.app.inject({ method: 'PUT', url: `/buckets/${bucket}/cnames/${domain}`, headers });

describe('CnameAlreadyExists: another bucket of the account holds the domain', () => {
  it('names that bucket to a key that covers it, scanning again when the last scan predates it', async () => {
    // A scan now (a refused bind of another domain) that cannot show the binding made next.
    await stack.verify('first.example.com');
    await stack.emulator.deleteDnsRecord('_dnsauth.first.example.com');
    expect((await put('first.example.com')).json().code).toBe('dns-not-ready');

    await bindDirectly(service, stack, 'siblingbucket', 'taken.example.com');
    await stack.verify('taken.example.com');
    const res = await put('taken.example.com');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'domain-bound-to-other-bucket',
      ossCode: 'CnameAlreadyExists',
      cnameType: 'CNAME_OSS',
      heldBy: { bucket: 'siblingbucket', region: 'cn-hangzhou' },
      detail: expect.stringContaining('bucket "siblingbucket" (cn-hangzhou)'),
    });
  });

  it('says only "another bucket of this account" to a key that does not cover it', async () => {
    await bindDirectly(service, stack, 'siblingbucket', 'hidden.example.com');
    await stack.verify('hidden.example.com');
    const res = await put('hidden.example.com', 'examplebucket', noSibling.headers);
    expect(res.json()).toMatchObject({ status: 409, code: 'domain-bound-to-other-bucket', heldBy: null });
    expect(res.json().detail).toContain('one your API key does not cover');
    expect(res.body).not.toContain('siblingbucket');
  });
});

describe('CnameDenied: another Alibaba Cloud account holds the domain', () => {
  it('says so, and what the caller can do about it', async () => {
    const other = clientFor(stack, 'LTAI5tOtherAccount', 'other-secret');
    try {
      await bindDirectly(other, stack, 'theirbucket', 'theirs.example.com');
    } finally {
      await other.close();
    }
    await stack.verify('theirs.example.com');
    const res = await put('theirs.example.com');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'domain-held-by-other-account', ossCode: 'CnameDenied' });
    expect(res.json().detail).toMatch(/only that account can unbind it/);
    expect(res.json().detail).toMatch(/Alibaba Cloud support/);
  });
});

describe('NoSuchCnameInRecord: the ICP rule', () => {
  it('is icp-filing-required naming the region, and says DNS changes do not help', async () => {
    await stack.verify('unfiled.example.com', 'beijingbucket');
    const res = await put('unfiled.example.com', 'beijingbucket');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'icp-filing-required',
      ossCode: 'NoSuchCnameInRecord',
      region: 'cn-beijing',
    });
    expect(res.json().detail).toMatch(/cn-beijing.*ICP filing.*not about DNS/);
  });
});
