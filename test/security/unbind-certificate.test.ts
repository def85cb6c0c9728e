// Unbinding takes a domain's certificate with it (issue 19, F8): a key without cert:write could remove a
// certificate by unbinding and rebinding, so unbinding a domain that carries one needs cert:write.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testKey } from '../helpers/keys.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const DOMAIN = 'www.example.com';
const noCerts = testKey('no-certs', { actions: ['cname:read', 'cname:write'] });
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ keys: [noCerts] });
});
afterAll(() => stack.close());
beforeEach(() => stack.emulator.reset());

const url = `/buckets/examplebucket/cnames/${DOMAIN}`;

async function bound(certificate?: { certId: string }): Promise<void> {
  await stack.verify(DOMAIN);
  const put = await stack.app.inject({
    method: 'PUT',
    url,
    headers: stack.admin.headers,
    ...(certificate ? { payload: { certificate } } : {}),
  });
  expect(put.statusCode).toBe(201);
}

const unbind = (headers: Record<string, string>, query = '') =>
  stack.app.inject({ method: 'DELETE', url: `${url}${query}`, headers });

describe('unbinding a domain with a certificate', () => {
  it('needs cert:write, in a dry run too, and leaves the binding in place', async () => {
    await bound({ certId: '1001-cn-hangzhou' });
    const refused = await unbind(noCerts.headers);
    expect(refused.json()).toMatchObject({ status: 403, code: 'action-not-allowed', action: 'cert:write' });
    const dry = await unbind(noCerts.headers, '?dryRun=true');
    expect(dry.json()).toMatchObject({ status: 403, action: 'cert:write' });
    expect(stack.operations()).not.toContain('DeleteCname');
    const still = await stack.app.inject({ method: 'GET', url, headers: stack.admin.headers });
    expect(still.headers.etag).toBe('"1001-cn-hangzhou"');
    expect((await unbind(stack.admin.headers)).statusCode).toBe(204);
  });

  it('needs only cname:write when no certificate is bound', async () => {
    await bound();
    expect((await unbind(noCerts.headers)).statusCode).toBe(204);
    expect((await unbind(noCerts.headers)).statusCode).toBe(204);
  });
});
