import Fastify, { type FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProblemError } from '../../src/errors/problem.ts';
import errorHandler from '../../src/plugins/error-handler.ts';
import { serviceError } from '../helpers/oss-errors.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify({ logger: false, bodyLimit: 1024 });
  await app.register(errorHandler);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/things/:id',
    {
      schema: {
        params: z.object({ id: z.string().regex(/^[a-z]+$/) }),
        body: z.strictObject({ n: z.int() }),
      },
    },
    async () => ({ ok: true }),
  );
  api.get('/problem', async () => {
    throw new ProblemError({
      status: 409,
      code: 'demo-conflict',
      title: 'Conflict',
      detail: 'Do this instead.',
      headers: { 'retry-after': '3' },
      extensions: { status: 200, extra: 'kept' },
    });
  });
  api.get('/crash', async () => {
    throw new Error('database password is hunter2');
  });
  api.get('/oss', async () => {
    throw serviceError(403, 'SignatureDoesNotMatch', { message: 'StringToSign: GET\n...' });
  });
  api.get(
    '/bad-response',
    { schema: { response: { 200: z.object({ n: z.int() }) } } },
    async () => ({ n: 'not a number' }) as never,
  );
  api.get('/limited', async () => {
    throw Object.assign(new Error('Rate limit exceeded, retry in 1 minute'), { statusCode: 429 });
  });
});

afterAll(() => app.close());

function expectProblem(response: { headers: Record<string, unknown>; json: () => Record<string, unknown> }) {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body).toMatchObject({ type: expect.stringMatching(/^urn:/), title: expect.any(String) });
  expect(body.requestId).toEqual(expect.any(String));
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  return body;
}

describe('error handler', () => {
  it('lists every validation issue with its place, never Fastify’s default body', async () => {
    const res = await app.inject({ method: 'POST', url: '/things/ABC', payload: { n: 1.5, x: 1 } });
    expect(res.statusCode).toBe(400);
    const body = expectProblem(res);
    expect(body.code).toBe('invalid-request');
    expect(body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'params', path: 'id' })]),
    );
    expect(body).not.toHaveProperty('statusCode');
  });

  it('reports body issues by path', async () => {
    const res = await app.inject({ method: 'POST', url: '/things/abc', payload: { n: 1.5 } });
    expect(expectProblem(res).issues).toEqual([{ in: 'body', path: 'n', message: expect.any(String) }]);
  });

  it('answers malformed JSON, empty JSON, wrong media type and oversized bodies as problems', async () => {
    const cases = [
      { payload: '{"n":', type: 'application/json', status: 400, code: 'invalid-json' },
      { payload: '', type: 'application/json', status: 400, code: 'invalid-json' },
      {
        payload: 'n=1',
        type: 'application/x-www-form-urlencoded',
        status: 415,
        code: 'unsupported-media-type',
      },
      {
        payload: JSON.stringify({ n: 'x'.repeat(2000) }),
        type: 'application/json',
        status: 413,
        code: 'payload-too-large',
      },
    ];
    for (const c of cases) {
      const res = await app.inject({
        method: 'POST',
        url: '/things/abc',
        payload: c.payload,
        headers: { 'content-type': c.type },
      });
      expect(res.statusCode, c.code).toBe(c.status);
      expect(expectProblem(res).code).toBe(c.code);
    }
  });

  it('renders ProblemErrors with their headers; extensions cannot overwrite standard members', async () => {
    const res = await app.inject({ method: 'GET', url: '/problem' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['retry-after']).toBe('3');
    expect(expectProblem(res)).toMatchObject({
      type: 'urn:oss-cname-service:problem:demo-conflict',
      status: 409,
      code: 'demo-conflict',
      detail: 'Do this instead.',
      instance: '/problem',
      extra: 'kept',
    });
  });

  it('hides unexpected errors behind a generic 500', async () => {
    const res = await app.inject({ method: 'GET', url: '/crash' });
    expect(res.statusCode).toBe(500);
    const body = expectProblem(res);
    expect(body.code).toBe('internal-error');
    expect(res.body).not.toContain('hunter2');
  });

  it('hides response serialization failures behind a generic 500', async () => {
    const res = await app.inject({ method: 'GET', url: '/bad-response' });
    expect(res.statusCode).toBe(500);
    expect(expectProblem(res).code).toBe('internal-error');
  });

  it('maps OSS failures through the table, carrying OSS ids but not its internals', async () => {
    const res = await app.inject({ method: 'GET', url: '/oss' });
    expect(res.statusCode).toBe(502);
    const body = expectProblem(res);
    expect(body).toMatchObject({ code: 'upstream-credentials', ossCode: 'SignatureDoesNotMatch' });
    expect(res.body).not.toContain('StringToSign');
  });

  it('answers 404 for unknown paths and 405 with Allow for unknown methods', async () => {
    const missing = await app.inject({ method: 'GET', url: '/nowhere?x=1' });
    expect(missing.statusCode).toBe(404);
    expect(expectProblem(missing)).toMatchObject({ code: 'route-not-found', instance: '/nowhere' });
    const wrong = await app.inject({ method: 'DELETE', url: '/things/abc' });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect(expectProblem(wrong).code).toBe('method-not-allowed');
  });

  it('words framework 4xx errors itself (rate limit)', async () => {
    const res = await app.inject({ method: 'GET', url: '/limited' });
    expect(res.statusCode).toBe(429);
    expect(expectProblem(res)).toMatchObject({ code: 'rate-limited' });
  });
});
