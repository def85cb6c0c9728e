// The whole lifecycle over real sockets: the service listening on 127.0.0.1, the emulator's HTTP server
// behind it, the TXT record published through the emulator's admin API and served by its DNS server,
// which the service's DNS pre-flight asks too.
import { Resolver } from 'node:dns/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslSha1Fingerprint } from '../helpers/cert-inspect.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { type Stack, startStack } from '../helpers/stack.ts';

const DOMAIN = 'www.example.com';
let stack: Stack;
let base: string;

beforeAll(async () => {
  stack = await startStack();
  await stack.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(stack.app.server.address() as AddressInfo).port}`;
});
afterAll(() => stack.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...stack.admin.headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function publishThroughAdminApi(name: string, value: string): Promise<void> {
  const response = await fetch(`${stack.emulator.url}/_emulator/dns/${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'TXT', values: [value] }),
  });
  expect(response.status).toBe(200);
}

describe('custom domain lifecycle', () => {
  it('token → TXT → bind with certificate → list → rotate → remove certificate → unbind', async () => {
    // 1. Token, and the record to publish.
    const created = await call('POST', '/buckets/examplebucket/cname-tokens', { domain: DOMAIN });
    expect(created.status).toBe(201);
    const [record] = created.body.dnsRecords;
    expect(record).toMatchObject({ type: 'TXT', name: `_dnsauth.${DOMAIN}`, value: created.body.token });

    // 2. Binding before the record exists is refused by the DNS pre-flight, before OSS is asked, with the
    //    record still to publish and how long resolvers may keep the old answer.
    const first = await makeCertificate({ sans: [DOMAIN] });
    const upload = (cert: { chainPem: string; privateKeyPem: string }) => ({
      certificate: { certificate: cert.chainPem, privateKey: cert.privateKeyPem },
    });
    const early = await call('PUT', `/buckets/examplebucket/cnames/${DOMAIN}`, upload(first));
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(early.body).toMatchObject({ code: 'dns-not-ready', dnsRecord: record });
    expect(early.headers.get('retry-after')).toBe(String(early.body.retryAfterSeconds));
    const txtCheck = early.body.preflight.checks.find((c: { id: string }) => c.id === 'ownership-txt');
    expect(txtCheck).toMatchObject({
      status: 'fail',
      fix: `Publish a TXT record with host "_dnsauth.www" in zone example.com and value ${record.value}.`,
    });
    expect(stack.operations()).not.toContain('PutCname');

    // 3. Publish exactly what the API said; the emulator's DNS server now answers it.
    await publishThroughAdminApi(record.name, record.value);
    const resolver = new Resolver();
    resolver.setServers([`${stack.emulator.dns.host}:${stack.emulator.dns.port}`]);
    expect(await resolver.resolveTxt(record.name)).toEqual([[record.value]]);

    // 4. Bind with an uploaded certificate.
    const bound = await call('PUT', `/buckets/examplebucket/cnames/${DOMAIN}`, upload(first));
    expect(bound.status).toBe(201);
    // What is left to do comes with the answer: the CNAME record towards the bucket.
    const cname = bound.body.preflight.checks.find((c: { id: string }) => c.id === 'cname-target');
    expect(cname).toMatchObject({
      status: 'pending',
      fix: 'Create a CNAME record with host "www" pointing to examplebucket.oss-cn-hangzhou.aliyuncs.com.',
    });
    const firstEtag = bound.headers.get('etag');
    expect(firstEtag).toBe(`"${bound.body.certificate.certId}"`);

    // 5. The list shows it Enabled, with the certificate's fingerprint and validity.
    const listed = await call('GET', '/buckets/examplebucket/cnames?certificate=any');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({
      domain: DOMAIN,
      status: 'Enabled',
      etag: firstEtag,
      cnameTarget: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
      certificate: {
        type: 'Upload',
        status: 'Enabled',
        fingerprint: await opensslSha1Fingerprint(first.certificatePem),
        validFrom: new Date(Math.floor(first.notBefore.getTime() / 1000) * 1000).toISOString(),
        validUntil: new Date(Math.floor(first.notAfter.getTime() / 1000) * 1000).toISOString(),
      },
    });

    // 6. Rotate with If-Match; a stale ETag afterwards is refused before OSS is asked.
    const second = await makeCertificate({ sans: [DOMAIN], keyName: 'rotated' });
    const rotated = await call('PUT', `/buckets/examplebucket/cnames/${DOMAIN}`, upload(second), {
      'if-match': firstEtag ?? '',
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.certificate.fingerprint).toBe(await opensslSha1Fingerprint(second.certificatePem));
    const secondEtag = rotated.headers.get('etag');
    expect(secondEtag).not.toBe(firstEtag);
    const puts = stack.operations().filter((op) => op === 'PutCname').length;
    const stale = await call('PUT', `/buckets/examplebucket/cnames/${DOMAIN}`, upload(first), {
      'if-match': firstEtag ?? '',
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'precondition-failed', currentEtag: secondEtag });
    expect(stack.operations().filter((op) => op === 'PutCname').length).toBe(puts);

    // 7. Remove the certificate; the domain stays bound.
    const removed = await call('DELETE', `/buckets/examplebucket/cnames/${DOMAIN}/certificate`, undefined, {
      'if-match': secondEtag ?? '',
    });
    expect(removed.status).toBe(204);
    const bare = await call('GET', `/buckets/examplebucket/cnames/${DOMAIN}`);
    expect(bare.status).toBe(200);
    expect(bare.headers.get('etag')).toBe('"none"');
    expect(bare.body.certificate).toBeNull();

    // 8. Unbind, idempotently.
    expect((await call('DELETE', `/buckets/examplebucket/cnames/${DOMAIN}`)).status).toBe(204);
    expect((await call('GET', `/buckets/examplebucket/cnames/${DOMAIN}`)).body).toMatchObject({
      status: 404,
      code: 'cname-not-found',
    });
    expect((await call('DELETE', `/buckets/examplebucket/cnames/${DOMAIN}`)).status).toBe(204);
    expect(stack.emulator.state().bindings).toEqual([]);
  });

  it('answers problems over the wire too: unknown route, wrong method, bad JSON, no key', async () => {
    expect((await call('GET', '/nowhere')).body).toMatchObject({ status: 404, code: 'route-not-found' });
    const wrong = await call('PATCH', '/buckets/examplebucket/cnames');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('PUT');
    const bad = await fetch(`${base}/buckets/examplebucket/cname-tokens`, {
      method: 'POST',
      headers: { ...stack.admin.headers, 'content-type': 'application/json' },
      body: '{"domain": ',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid-json' });
    const anonymous = await fetch(`${base}/buckets/examplebucket/cnames`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
