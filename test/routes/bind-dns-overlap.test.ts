// A bind's DNS pre-flight overlaps the OSS read it would otherwise follow: with a remembered token its
// lookups start alongside the ListCname before, without one alongside GetCnameToken. Observed outside the
// service (a forwarder in front of the emulator's DNS): the OSS call is held until queries arrive, or a
// deadline passes. The OSS calls and answers stay those of test/routes/bind-calls.test.ts, and a PUT that
// cannot reach the gate sends no query.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCnameToken, type OssInvoker } from '../../src/oss/index.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { clientFor } from '../helpers/direct-oss.ts';
import { type DnsCounter, startDnsCounter } from '../helpers/dns-counter.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const HOLD_MS = 3000;
const upstream = { host: '127.0.0.1', port: 0 };
let counter: DnsCounter;
let stack: Stack;
/** The operation held until DNS queries arrive, and whether they did. */
let held: { operation: string; sawQueries?: boolean } | undefined;

async function queriesArrive(since: number): Promise<boolean> {
  const deadline = Date.now() + HOLD_MS;
  while (counter.sent.length === since && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return counter.sent.length > since;
}

function holding(client: OssInvoker): OssInvoker {
  return {
    async invoke(op, input, opts) {
      if (held !== undefined && held.sawQueries === undefined && op.name === held.operation) {
        held.sawQueries = await queriesArrive(counter.sent.length);
      }
      return client.invoke(op, input, opts);
    },
    close: () => client.close(),
  };
}

beforeAll(async () => {
  counter = await startDnsCounter(upstream);
  stack = await startStack({
    wrap: holding,
    config: (config) => {
      const [emulatorDns] = config.DNS_RESOLVERS;
      if (emulatorDns) Object.assign(upstream, { host: emulatorDns.host, port: emulatorDns.port });
      const front = { host: '127.0.0.1', port: counter.port };
      return { ...config, DNS_RESOLVERS: [front], DNS_AUTHORITATIVE_PORT: counter.port };
    },
  });
});
afterAll(async () => {
  await stack.close();
  await counter.close();
});
beforeEach(async () => {
  held = undefined;
  await stack.emulator.reset();
});

function put(domain: string, headers: Record<string, string> = {}, body?: object) {
  return stack.app.inject({
    method: 'PUT',
    url: `/buckets/examplebucket/cnames/${domain}`,
    headers: { ...stack.admin.headers, ...headers },
    ...(body === undefined ? {} : { payload: body }),
  });
}

/** Through the service: this process remembers the token. */
const tokenFromService = (domain: string) => stack.verify(domain);

/** Directly at OSS: the service has to read it (GetCnameToken). */
async function tokenFromElsewhere(domain: string): Promise<void> {
  const direct = clientFor(stack, 'LTAI5tServiceKey', 'service-secret');
  try {
    const input = { bucket: 'examplebucket', domain };
    const { token } = await direct.invoke(createCnameToken, input, { region: 'cn-hangzhou' });
    await stack.publishToken(domain, token);
  } finally {
    await direct.close();
  }
}

const txtStatus = (binding: { preflight: { checks: Array<{ id: string; status: string }> } }) =>
  binding.preflight.checks.find((check) => check.id === 'ownership-txt')?.status;

describe('the pre-flight overlaps OSS reads', () => {
  it('with a remembered token, its lookups run while the ListCname before is asked', async () => {
    await tokenFromService('remembered.example.com');
    held = { operation: 'ListCname' };
    const before = stack.operations().length;
    const res = await put('remembered.example.com');
    expect(res.statusCode).toBe(201);
    expect(txtStatus(res.json())).toBe('pass');
    expect(held.sawQueries).toBe(true);
    expect(stack.operations().slice(before)).toEqual(['ListCname', 'PutCname', 'ListCname']);
  });

  it('without one, its lookups run while GetCnameToken is asked', async () => {
    await tokenFromElsewhere('elsewhere.example.com');
    held = { operation: 'GetCnameToken' };
    const before = stack.operations().length;
    const res = await put('elsewhere.example.com');
    expect(res.statusCode).toBe(201);
    expect(txtStatus(res.json())).toBe('pass');
    expect(held.sawQueries).toBe(true);
    expect(stack.operations().slice(before)).toEqual(['ListCname', 'GetCnameToken', 'PutCname', 'ListCname']);
  });

  it('a wrong TXT record is still refused on the token read now', async () => {
    await tokenFromElsewhere('wrong.example.com');
    await stack.publishToken('wrong.example.com', 'not-the-token');
    held = { operation: 'GetCnameToken' };
    const res = await put('wrong.example.com');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'dns-not-ready' });
    expect(held.sawQueries).toBe(true);
  });

  it('a PUT that cannot reach the gate sends no DNS query', async () => {
    await tokenFromService('bound.example.com');
    expect((await put('bound.example.com')).statusCode).toBe(201);
    const sent = counter.sent.length;
    // Bound already: 200 from the ListCname alone.
    expect((await put('bound.example.com')).statusCode).toBe(200);
    expect(counter.sent.length).toBe(sent);
    await tokenFromService('ifmatch.example.com');
    const afterToken = counter.sent.length;
    // If-Match needs an existing binding: 412, and no lookups were started for it.
    expect((await put('ifmatch.example.com', { 'if-match': '"none"' })).statusCode).toBe(412);
    expect(counter.sent.length).toBe(afterToken);
    // A certificate for another name is refused before OSS, and before DNS.
    const other = await makeCertificate({ sans: ['other.example.org'] });
    const certificate = { certificate: other.chainPem, privateKey: other.privateKeyPem };
    const operations = stack.operations().length;
    expect((await put('ifmatch.example.com', {}, { certificate })).statusCode).toBe(422);
    expect(stack.operations().length).toBe(operations);
    expect(counter.sent.length).toBe(afterToken);
  });
});
