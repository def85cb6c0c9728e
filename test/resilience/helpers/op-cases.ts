// For each OSS operation the API uses: the state it needs, the route that makes the service call it, the
// success that route answers with, and a check that OSS ended in the state that answer claims.

import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createCnameToken } from '../../../src/oss/index.ts';
import { type ApiOperation, BUCKET, type FaultStack } from './fault-stack.ts';

export const DOMAIN = 'www.example.com';

export interface OpCase {
  op: ApiOperation;
  /** State OSS must hold before the route can succeed. */
  prepare(stack: FaultStack): Promise<void>;
  /** Learn the bucket's region before faults start (all but GetBucketLocation itself). */
  warm: boolean;
  run(stack: FaultStack): Promise<LightMyRequestResponse>;
  ok: number;
  /** The emulator holds what the successful answer says. */
  verify(stack: FaultStack, res: LightMyRequestResponse): void;
}

const enc = encodeURIComponent;
const bindingsOf = (s: FaultStack) => s.emulator.state().bindings.filter((b) => b.domain === DOMAIN);
const tokensOf = (s: FaultStack) => s.emulator.state().tokens.filter((t) => t.domain === DOMAIN);

export const OP_CASES: OpCase[] = [
  {
    op: 'CreateCnameToken',
    prepare: async () => {},
    warm: true,
    run: (s) => s.request('POST', `/buckets/${BUCKET}/cname-tokens`, { domain: DOMAIN }),
    ok: 201,
    verify(s, res) {
      expect(tokensOf(s).map((t) => t.token)).toEqual([res.json().token]);
    },
  },
  {
    op: 'GetCnameToken',
    prepare: async (s) => {
      await s.setup.invoke(createCnameToken, { bucket: BUCKET, domain: DOMAIN });
    },
    warm: true,
    run: (s) => s.request('GET', `/buckets/${BUCKET}/cname-tokens/${enc(DOMAIN)}`),
    ok: 200,
    verify(s, res) {
      expect(tokensOf(s).map((t) => t.token)).toEqual([res.json().token]);
    },
  },
  {
    op: 'PutCname',
    prepare: (s) => s.prove(DOMAIN),
    warm: true,
    run: (s) => s.request('PUT', `/buckets/${BUCKET}/cnames/${enc(DOMAIN)}`),
    ok: 201,
    verify(s, res) {
      expect(bindingsOf(s)).toHaveLength(1);
      expect(res.json()).toMatchObject({ domain: DOMAIN, bucket: BUCKET });
    },
  },
  {
    op: 'ListCname',
    prepare: (s) => s.bind(DOMAIN),
    warm: true,
    run: (s) => s.request('GET', `/buckets/${BUCKET}/cnames`),
    ok: 200,
    verify(_s, res) {
      expect(res.json().items.map((i: { domain: string }) => i.domain)).toEqual([DOMAIN]);
    },
  },
  {
    op: 'DeleteCname',
    prepare: (s) => s.bind(DOMAIN),
    warm: true,
    run: (s) => s.request('DELETE', `/buckets/${BUCKET}/cnames/${enc(DOMAIN)}`),
    ok: 204,
    verify(s) {
      expect(bindingsOf(s)).toHaveLength(0);
    },
  },
  {
    op: 'GetBucketLocation',
    prepare: (s) => s.bind(DOMAIN),
    warm: false,
    run: (s) => s.request('GET', `/buckets/${BUCKET}/cnames`),
    ok: 200,
    verify(_s, res) {
      expect(res.json().items).toHaveLength(1);
    },
  },
];
