// The OSS calls one bind through the service costs (issue 17's bench row: calls per bind vs the minimal
// direct sequence), counted at the client as OSS sees them. docs/api.md#what-a-bind-asks-oss says why
// each one is there.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCnameToken } from '../../src/oss/index.ts';
import { clientFor } from '../helpers/direct-oss.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const DOMAIN = 'www.example.com';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.emulator.reset());

function put(body?: object, headers: Record<string, string> = {}) {
  return stack.app.inject({
    method: 'PUT',
    url: `/buckets/examplebucket/cnames/${DOMAIN}`,
    headers: { ...stack.admin.headers, ...headers },
    ...(body === undefined ? {} : { payload: body }),
  });
}

/** The OSS operations `work` made the service send. */
async function sentBy(work: () => Promise<{ statusCode: number }>, status: number): Promise<string[]> {
  const before = stack.operations().length;
  const res = await work();
  expect(res.statusCode).toBe(status);
  return stack.operations().slice(before);
}

describe('OSS calls per bind', () => {
  it('a plain bind whose token this process got from OSS: ListCname, PutCname, ListCname', async () => {
    await stack.verify(DOMAIN);
    expect(await sentBy(() => put(), 201)).toEqual(['ListCname', 'PutCname', 'ListCname']);
  });

  it('a plain bind whose token was created elsewhere reads it first (GetCnameToken)', async () => {
    const direct = clientFor(stack, 'LTAI5tServiceKey', 'service-secret');
    try {
      const region = { region: 'cn-hangzhou' };
      const { token } = await direct.invoke(
        createCnameToken,
        { bucket: 'examplebucket', domain: DOMAIN },
        region,
      );
      await stack.publishToken(DOMAIN, token);
    } finally {
      await direct.close();
    }
    expect(await sentBy(() => put(), 201)).toEqual(['ListCname', 'GetCnameToken', 'PutCname', 'ListCname']);
  });

  it('a bind with a certificate reads the binding back (certificate id and dates, a rival writer)', async () => {
    await stack.verify(DOMAIN);
    const body = { certificate: { certId: '1001-cn-hangzhou' } };
    expect(await sentBy(() => put(body), 201)).toEqual(['ListCname', 'PutCname', 'ListCname']);
  });

  it('a certificate change of a bound domain: no token, no pre-flight', async () => {
    await stack.verify(DOMAIN);
    await put();
    const body = { certificate: { certId: '1002-cn-hangzhou' } };
    expect(await sentBy(() => put(body), 200)).toEqual(['ListCname', 'PutCname', 'ListCname']);
  });

  it('the same bind again only reads ListCname, and sends no PutCname', async () => {
    await stack.verify(DOMAIN);
    await put();
    expect(await sentBy(() => put(), 200)).toEqual(['ListCname']);
  });

  it('a refused bind reads the live token before it refuses on a remembered one', async () => {
    await stack.verify(DOMAIN);
    // The remembered token is gone at OSS, and its TXT record with it.
    await stack.emulator.reset();
    const before = stack.operations().length;
    const res = await put();
    expect(res.json()).toMatchObject({ status: 409, code: 'domain-ownership-unverified', dnsRecord: null });
    expect(res.json().preflight).toBeUndefined();
    expect(stack.operations().slice(before)).toEqual([
      'ListCname',
      'GetCnameToken',
      'PutCname',
      'GetCnameToken',
    ]);
  });
});
