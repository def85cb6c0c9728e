// The generated client against the running service (app and OSS emulator on real 127.0.0.1 sockets):
// the cname/token lifecycle through the SDK functions, and error answers as typed errors with their code.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createCnameToken,
  createServiceClient,
  deleteBinding,
  getBinding,
  getCnameToken,
  listBindings,
  ProblemResponseError,
  putBinding,
} from '../../clients/typescript/src/index.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const DOMAIN = 'client.example.com';
let stack: Stack;
let client: Client;
let base: string;

beforeAll(async () => {
  stack = await startStack();
  await stack.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(stack.app.server.address() as AddressInfo).port}`;
  client = createServiceClient({ baseUrl: base, apiKey: stack.admin.key });
});
afterAll(() => stack.close());

/** The rejection of `promise`, which must be a ProblemResponseError. */
async function problemOf(promise: Promise<unknown>): Promise<ProblemResponseError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProblemResponseError);
  return error as ProblemResponseError;
}

describe('TypeScript client', () => {
  it('token → bind → read → list → unbind, typed all the way', async () => {
    const path = { bucket: 'examplebucket', domain: DOMAIN };
    const created = await createCnameToken({
      client,
      path: { bucket: 'examplebucket' },
      body: { domain: DOMAIN },
    });
    expect(created.response.status).toBe(201);
    // 200 and 201 may also be a dry run's answer; this call was not one.
    if (!('dnsRecords' in created.data)) throw new Error('expected a token, got a dry run');
    const { token, dnsRecords } = created.data;
    expect(dnsRecords[0]).toMatchObject({ type: 'TXT', name: `_dnsauth.${DOMAIN}`, value: token });

    const read = await getCnameToken({ client, path });
    expect(read.data.token).toBe(token);

    await stack.publishToken(DOMAIN, token);
    const bound = await putBinding({ client, path });
    expect(bound.response.status).toBe(201);
    expect(bound.data).toMatchObject({ domain: DOMAIN, status: 'Enabled' });

    const got = await getBinding({ client, path });
    expect(got.data.domain).toBe(DOMAIN);
    expect(got.response.headers.get('etag')).toBe('"none"');

    const listed = await listBindings({ client, path: { bucket: 'examplebucket' } });
    expect(listed.data.items.map((item) => item.domain)).toContain(DOMAIN);

    const removed = await deleteBinding({ client, path });
    expect(removed.response.status).toBe(204);
    const gone = await problemOf(getBinding({ client, path }));
    expect(gone).toMatchObject({ status: 404, code: 'cname-not-found' });
    expect(stack.operations()).toEqual(
      expect.arrayContaining(['CreateCnameToken', 'GetCnameToken', 'PutCname', 'ListCname', 'DeleteCname']),
    );
  });

  it('surfaces a refusal as ProblemResponseError with its code, body, request id and Retry-After', async () => {
    const domain = 'unpublished.example.com';
    await createCnameToken({ client, path: { bucket: 'examplebucket' }, body: { domain } });
    const refused = await problemOf(putBinding({ client, path: { bucket: 'examplebucket', domain } }));
    expect(refused.status).toBe(409);
    expect(refused.code).toBe('dns-not-ready');
    expect(refused.problem).toMatchObject({ code: 'dns-not-ready', status: 409 });
    expect(refused.problem.preflight).toBeDefined();
    expect(refused.requestId).toMatch(/\S/);
    expect(refused.retryAfterSeconds).toBe(refused.problem.retryAfterSeconds);
    expect(refused.message).toContain('dns-not-ready');
  });

  it('surfaces validation, authentication and missing-token problems by code', async () => {
    const invalid = await problemOf(
      createCnameToken({ client, path: { bucket: 'examplebucket' }, body: { domain: 'not a domain' } }),
    );
    expect(invalid).toMatchObject({ status: 400, code: 'invalid-domain' });

    const missing = await problemOf(
      getCnameToken({ client, path: { bucket: 'examplebucket', domain: 'never.example.com' } }),
    );
    expect(missing).toMatchObject({ status: 404, code: 'token-not-found' });

    const stranger = createServiceClient({ baseUrl: base, apiKey: 'not-a-key' });
    const refused = await problemOf(listBindings({ client: stranger, path: { bucket: 'examplebucket' } }));
    expect(refused.status).toBe(401);
    expect(refused.code).toMatch(/\S/);
  });
});
