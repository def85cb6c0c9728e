// Two callers attaching a first certificate at once (issue 19, F3): exactly one wins, the other gets 412
// instead of a 200/201 for a certificate that did not stay bound.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OssClient, type OssInvoker, putCname } from '../../src/oss/index.ts';
import { clientFor } from '../helpers/direct-oss.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const DOMAIN = 'www.example.com';
let stack: Stack;
let direct: OssClient;
/** When set, a rival's PutCname lands right after the service's own one. */
let rivalCertId: string | undefined;

function racing(inner: OssInvoker): OssInvoker {
  return {
    async invoke(op, input, opts) {
      const out = await inner.invoke(op, input, opts);
      if (op === putCname && rivalCertId !== undefined) {
        const certId = rivalCertId;
        rivalCertId = undefined;
        await direct.invoke(
          putCname,
          { bucket: 'examplebucket', domain: DOMAIN, certificate: { certId, force: true } },
          { region: 'cn-hangzhou' },
        );
      }
      return out;
    },
    close: () => inner.close(),
  };
}

beforeAll(async () => {
  stack = await startStack({ wrap: racing });
  direct = clientFor(stack, 'LTAI5tServiceKey', 'service-secret');
});
afterAll(async () => {
  await direct.close();
  await stack.close();
});
beforeEach(() => {
  rivalCertId = undefined;
  return stack.emulator.reset();
});

const put = (certId: string, headers: Record<string, string> = {}) =>
  stack.app.inject({
    method: 'PUT',
    url: `/buckets/examplebucket/cnames/${DOMAIN}`,
    headers: { ...stack.admin.headers, ...headers },
    payload: { certificate: { certId } },
  });

describe('attaching a first certificate at once', () => {
  it('If-None-Match: * is create-only: one 201, one 412, and the winner stays bound', async () => {
    await stack.verify(DOMAIN);
    const answers = await Promise.all([
      put('1001-cn-hangzhou', { 'if-none-match': '*' }),
      put('1002-cn-hangzhou', { 'if-none-match': '*' }),
    ]);
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([201, 412]);
    const winner = answers.find((a) => a.statusCode === 201);
    const bound = await stack.app.inject({
      method: 'GET',
      url: `/buckets/examplebucket/cnames/${DOMAIN}`,
      headers: stack.admin.headers,
    });
    expect(bound.headers.etag).toBe(winner?.headers.etag);
  });

  it('answers 412 when another writer replaced the certificate right after this PutCname', async () => {
    await stack.verify(DOMAIN);
    await stack.app.inject({
      method: 'PUT',
      url: `/buckets/examplebucket/cnames/${DOMAIN}`,
      headers: stack.admin.headers,
    });
    rivalCertId = '1002-cn-hangzhou';
    const res = await put('1001-cn-hangzhou', { 'if-match': '"none"' });
    expect(res.statusCode).toBe(412);
    expect(res.headers.etag).toBe('"1002-cn-hangzhou"');
    expect(res.json()).toMatchObject({ code: 'precondition-failed', currentEtag: '"1002-cn-hangzhou"' });
  });
});
