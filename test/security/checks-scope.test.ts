// /checks must not tell a key which names outside its scope are bound (issue 19, F4): a CNAME chain the
// caller controls, through a domain bound for someone else, names it only to keys that may see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKey } from '../helpers/keys.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const TARGET = 'examplebucket.oss-cn-hangzhou.aliyuncs.com';
const narrow = testKey('narrow', { domains: ['probe.example.com'] });
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ keys: [narrow] });
});
afterAll(() => stack.close());

async function bindForOthers(domain: string): Promise<void> {
  await stack.verify(domain);
  const put = await stack.app.inject({
    method: 'PUT',
    url: `/buckets/examplebucket/cnames/${domain}`,
    headers: stack.admin.headers,
  });
  expect(put.statusCode).toBe(201);
}

describe('GET …/checks and domains outside the key scope', () => {
  it('does not report a chain through a domain the key may not see', async () => {
    await stack.emulator.setDnsRecord('secret.example.com', { type: 'CNAME', values: [TARGET], ttl: 300 });
    await stack.emulator.setDnsRecord('probe.example.com', {
      type: 'CNAME',
      values: ['secret.example.com'],
      ttl: 300,
    });
    await bindForOthers('secret.example.com');
    const url = '/buckets/examplebucket/cnames/probe.example.com/checks';
    const asNarrow = (await stack.app.inject({ method: 'GET', url, headers: narrow.headers })).json();
    const chain = asNarrow.checks.find((c: { id: string }) => c.id === 'cname-chain');
    expect(chain).toMatchObject({ status: 'pass', observed: { customDomainsInChain: [] } });
    const asAdmin = (await stack.app.inject({ method: 'GET', url, headers: stack.admin.headers })).json();
    const adminChain = asAdmin.checks.find((c: { id: string }) => c.id === 'cname-chain');
    expect(adminChain).toMatchObject({
      status: 'fail',
      observed: { customDomainsInChain: ['secret.example.com'] },
    });
  });

  it('a dry-run bind reports no chain through it either', async () => {
    const token = await stack.app.inject({
      method: 'POST',
      url: '/buckets/examplebucket/cname-tokens',
      headers: narrow.headers,
      payload: { domain: 'probe.example.com' },
    });
    await stack.publishToken('probe.example.com', token.json().token);
    const res = await stack.app.inject({
      method: 'PUT',
      url: '/buckets/examplebucket/cnames/probe.example.com?dryRun=true',
      headers: narrow.headers,
    });
    expect(res.body).not.toContain('secret.example.com"]');
    const chain = res.json().preflight.checks.find((c: { id: string }) => c.id === 'cname-chain');
    expect(chain).toMatchObject({ status: 'pass', observed: { customDomainsInChain: [] } });
  });
});
