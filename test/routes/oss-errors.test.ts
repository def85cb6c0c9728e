// Every row of the OSS error table the emulator can produce, through buildApp → OssClient → emulator.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OssClient, OssInvoker } from '../../src/oss/index.ts';
import { createCnameToken, putCname } from '../../src/oss/index.ts';
import { bindDirectly, clientFor } from '../helpers/direct-oss.ts';
import { type Stack, type StackOptions, startStack } from '../helpers/stack.ts';

const put = (stack: Stack, bucket: string, domain: string, payload?: object) =>
  stack.app.inject({
    method: 'PUT',
    url: `/buckets/${bucket}/cnames/${domain}`,
    headers: stack.admin.headers,
    ...(payload ? { payload } : {}),
  });

async function withStack(options: StackOptions, run: (stack: Stack) => Promise<void>): Promise<void> {
  const stack = await startStack(options);
  try {
    await run(stack);
  } finally {
    await stack.close();
  }
}

describe('OSS verdicts on the domain or bucket', () => {
  let stack: Stack;
  let service: OssClient;
  beforeAll(async () => {
    stack = await startStack();
    service = clientFor(stack, 'LTAI5tServiceKey', 'service-secret');
  });
  afterAll(async () => {
    await service.close();
    await stack.close();
  });
  beforeEach(() => stack.emulator.reset());

  it('CnameAlreadyExists → 409 domain-bound-to-other-bucket with CnameType', async () => {
    await bindDirectly(service, stack, 'siblingbucket', 'taken.example.com');
    const res = await put(stack, 'examplebucket', 'taken.example.com');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'domain-bound-to-other-bucket',
      ossCode: 'CnameAlreadyExists',
      cnameType: 'CNAME_OSS',
    });
  });

  it('CnameDenied → 409 domain-held-by-other-account', async () => {
    const other = clientFor(stack, 'LTAI5tOtherAccount', 'other-secret');
    try {
      await bindDirectly(other, stack, 'theirbucket', 'theirs.example.com');
    } finally {
      await other.close();
    }
    const res = await put(stack, 'examplebucket', 'theirs.example.com');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'domain-held-by-other-account', ossCode: 'CnameDenied' });
  });

  it('NoSuchCnameInRecord → 422 icp-filing-required naming the region; a filed domain binds', async () => {
    const res = await put(stack, 'beijingbucket', 'unfiled.example.com');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'icp-filing-required', region: 'cn-beijing' });
    expect(res.json().detail).toContain('cn-beijing');
    await bindDirectly(service, stack, 'beijingbucket', 'www.filed.example.com', 'cn-beijing');
    const filed = await stack.app.inject({
      method: 'GET',
      url: '/buckets/beijingbucket/cnames/www.filed.example.com',
      headers: stack.admin.headers,
    });
    expect(filed.json()).toMatchObject({ cnameTarget: 'beijingbucket.oss-cn-beijing.aliyuncs.com' });
  });

  it('CnameIsRisk → 422 domain-flagged-risky', async () => {
    const res = await put(stack, 'examplebucket', 'risky.example.com');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'domain-flagged-risky', ossCode: 'CnameIsRisk' });
  });

  it('reserved Alibaba Cloud names → 422 domain-forbidden, before OSS is asked', async () => {
    const count = stack.attempts.length;
    const res = await put(stack, 'examplebucket', 'cdn.aliyuncs.com');
    expect(res.json()).toMatchObject({ status: 422, code: 'domain-forbidden' });
    expect(stack.attempts.length).toBe(count);
  });

  it('TooManyCnameToken → 409 token-quota-exceeded', async () => {
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          service.invoke(createCnameToken, {
            bucket: 'examplebucket',
            domain: `t${batch * 100 + i}.example.com`,
          }),
        ),
      );
    }
    const res = await stack.app.inject({
      method: 'POST',
      url: '/buckets/examplebucket/cname-tokens',
      headers: stack.admin.headers,
      payload: { domain: 'one-more.example.com' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'token-quota-exceeded', ossCode: 'TooManyCnameToken' });
  });
});

describe('a certificate changed between the read and the write', () => {
  it('OSS refuses the stale PreviousCertId and the caller gets 412', async () => {
    let rival: (() => Promise<void>) | undefined;
    // Lets a rival writer act after the service read the binding and before its PutCname reaches OSS.
    const wrap = (client: OssInvoker): OssInvoker => ({
      invoke: async (op, input, opts) => {
        if (op.name === 'PutCname') {
          const act = rival;
          rival = undefined;
          await act?.();
        }
        return client.invoke(op, input, opts);
      },
      close: () => client.close(),
    });
    await withStack({ wrap }, async (stack) => {
      const service = clientFor(stack, 'LTAI5tServiceKey', 'service-secret');
      try {
        await bindDirectly(service, stack, 'examplebucket', 'race.example.com');
        await service.invoke(putCname, {
          bucket: 'examplebucket',
          domain: 'race.example.com',
          certificate: { certId: '1001-cn-hangzhou', force: true },
        });
        rival = () =>
          service
            .invoke(putCname, {
              bucket: 'examplebucket',
              domain: 'race.example.com',
              certificate: { certId: '1002-cn-hangzhou', force: true },
            })
            .then(() => undefined);
        const res = await put(stack, 'examplebucket', 'race.example.com', {
          certificate: { certId: '2002-cn-hangzhou' },
        });
        expect(res.statusCode).toBe(412);
        expect(res.json()).toMatchObject({ code: 'precondition-failed', ossEc: '0018-00000209' });
        expect(stack.emulator.state().bindings[0]?.certificate?.certId).toBe('1002-cn-hangzhou');
      } finally {
        await service.close();
      }
    });
  });
});

describe('failures of the service itself are 5xx, never 401/403', () => {
  it('a wrong OSS secret → 502 upstream-credentials', async () => {
    await withStack(
      {
        config: (c) => ({
          ...c,
          OSS_ACCESS_KEY_ID: 'LTAI5tServiceKey',
          OSS_ACCESS_KEY_SECRET: 'wrong',
        }),
      },
      async (stack) => {
        const res = await put(stack, 'examplebucket', 'www.example.com');
        expect(res.statusCode).toBe(502);
        expect(res.json()).toMatchObject({ code: 'upstream-credentials', ossCode: 'SignatureDoesNotMatch' });
        expect(res.body).not.toMatch(/StringToSign|wrong/);
      },
    );
  });

  it('an unknown OSS key → 502 upstream-credentials', async () => {
    await withStack(
      {
        config: (c) => ({
          ...c,
          OSS_ACCESS_KEY_ID: 'LTAI5tNobody',
          OSS_ACCESS_KEY_SECRET: 'x',
        }),
      },
      async (stack) => {
        const res = await put(stack, 'examplebucket', 'www.example.com');
        expect(res.json()).toMatchObject({
          status: 502,
          code: 'upstream-credentials',
          ossCode: 'InvalidAccessKeyId',
        });
      },
    );
  });

  it('a RAM policy denying our key PutCname → 502 upstream-credentials', async () => {
    await withStack(
      {
        config: (c) => ({
          ...c,
          OSS_ACCESS_KEY_ID: 'LTAI5tNoPutCname',
          OSS_ACCESS_KEY_SECRET: 'limited-secret',
        }),
      },
      async (stack) => {
        const res = await put(stack, 'examplebucket', 'www.example.com');
        expect(res.json()).toMatchObject({
          status: 502,
          code: 'upstream-credentials',
          ossCode: 'AccessDenied',
        });
      },
    );
  });
});

describe('OSS unhealthy', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      config: (c) => ({ ...c, OSS_MAX_ATTEMPTS: 1, OSS_READ_TIMEOUT_MS: 300 }),
    });
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    await stack.emulator.reset();
  });

  const list = () =>
    stack.app.inject({ method: 'GET', url: '/buckets/examplebucket/cnames', headers: stack.admin.headers });

  it('OSS 500 → 502 upstream-error with the OSS ids', async () => {
    stack.emulator.addFault({ op: 'ListCname', kind: 'status', status: 500, count: 1 });
    const res = await list();
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({
      code: 'upstream-error',
      ossCode: 'InternalError',
      ossRequestId: expect.any(String),
    });
  });

  it('OSS 503 → 503 upstream-busy with Retry-After', async () => {
    stack.emulator.addFault({ op: 'ListCname', kind: 'status', status: 503, count: 1 });
    const res = await list();
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ code: 'upstream-busy' });
  });

  it('a reset connection → 503 upstream-unreachable', async () => {
    stack.emulator.addFault({ op: 'ListCname', kind: 'reset', count: 1 });
    const res = await list();
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'upstream-unreachable' });
    expect(res.json().ossCode).toBeUndefined();
  });

  it('no answer in time → 504 upstream-timeout', async () => {
    stack.emulator.addFault({ op: 'ListCname', kind: 'hang', count: 1 });
    const res = await list();
    expect(res.statusCode).toBe(504);
    expect(res.json()).toMatchObject({ code: 'upstream-timeout' });
  });
});
