// A dry run must give the refusal the real request would get (issue 19, F9), not expectedStatus 201:
// a domain without a live token, and a domain held by another bucket of the account.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCnameToken, type OssClient } from '../../src/oss/index.ts';
import { bindDirectly, clientFor, tripwire } from '../helpers/direct-oss.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const DOMAIN = 'www.example.com';
let stack: Stack;
let direct: OssClient;

beforeAll(async () => {
  stack = await startStack({ config: (c) => ({ ...c, CONFLICT_SCAN_CACHE_MS: 0 }) });
  direct = clientFor(stack, 'LTAI5tServiceKey', 'service-secret');
});
afterAll(async () => {
  await direct.close();
  await stack.close();
});
beforeEach(() => stack.emulator.reset());

const put = (query = '') =>
  stack.app.inject({
    method: 'PUT',
    url: `/buckets/examplebucket/cnames/${DOMAIN}${query}`,
    headers: stack.admin.headers,
  });

describe('dry runs of a bind OSS would refuse', () => {
  it('answers as the real request does when there is no live token', async () => {
    const dry = await put('?dryRun=true');
    expect(dry.statusCode).toBe(409);
    expect(dry.json().code).toBe('domain-ownership-unverified');
    const real = await put();
    expect(real.json().code).toBe(dry.json().code);
  });

  it('answers 409 domain-bound-to-other-bucket when another bucket holds the domain', async () => {
    await bindDirectly(direct, stack, 'siblingbucket', DOMAIN);
    const { token } = await direct.invoke(createCnameToken, { bucket: 'examplebucket', domain: DOMAIN });
    await stack.publishToken(DOMAIN, token);
    const received = tripwire(stack.emulator, 'PutCname');
    const dry = await put('?dryRun=true');
    expect(dry.statusCode).toBe(409);
    expect(dry.json()).toMatchObject({
      code: 'domain-bound-to-other-bucket',
      heldBy: { bucket: 'siblingbucket' },
    });
    expect(received()).toBe(0);
    expect((await put()).json().code).toBe('domain-bound-to-other-bucket');
  });
});
