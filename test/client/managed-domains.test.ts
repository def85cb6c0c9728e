// The managed-domain lifecycle through the generated client, against the service and the OSS emulator on
// real 127.0.0.1 sockets: attach, publish the records it lists, watch it become ready, list, check, get a
// verified webhook about it, delete it; and refusals as ProblemResponseError with their code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachDomain,
  type Client,
  checkDomain,
  createServiceClient,
  createWebhook,
  deleteDomain,
  getDomain,
  listDomains,
  listWebhookDeliveries,
  ProblemResponseError,
  verifyWebhook,
} from '../../clients/typescript/src/index.ts';
import { type DomainStack, startDomainStack, until } from '../reconciler/helpers.ts';
import { startReceiver } from '../webhooks/receiver.ts';

const BUCKET = 'examplebucket';
let stack: DomainStack;
let client: Client;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver((res) => res.writeHead(204).end());
  stack = await startDomainStack({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: true });
  client = createServiceClient({ baseUrl: stack.base, apiKey: stack.admin.key });
});
afterAll(async () => {
  await stack.close();
  await receiver.close();
});

/** The rejection of `promise`, which must be a ProblemResponseError. */
async function problemOf(promise: Promise<unknown>): Promise<ProblemResponseError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProblemResponseError);
  return error as ProblemResponseError;
}

/** The domain read through the client, once it is ready in a status `wanted` accepts. */
function untilDomain(domain: string, what: string, wanted: (status: string) => boolean) {
  return until(what, async () => {
    const { data } = await getDomain({ client, path: { bucket: BUCKET, domain } });
    return wanted(data.status) && data.ready ? data : undefined;
  });
}

describe('TypeScript client: managed domains', () => {
  it('attach → publish → ready → list → check → webhook → delete → 404, typed all the way', async () => {
    const domain = 'client-managed.example.com';
    const subscribed = await createWebhook({
      client,
      body: { url: receiver.url, events: ['domain.bound', 'domain.ready'], buckets: [BUCKET] },
    });
    expect(subscribed.response.status).toBe(201);
    const { id: subscription, secret } = subscribed.data;
    expect(secret).toMatch(/^whsec_/);

    const attached = await attachDomain({
      client,
      path: { bucket: BUCKET },
      body: { domain, certificate: 'none' },
    });
    expect(attached.response.status).toBe(202);
    expect(attached.response.headers.get('location')).toBe(`/buckets/${BUCKET}/domains/${domain}`);
    expect(attached.data).toMatchObject({
      domain,
      bucket: BUCKET,
      status: 'pending_ownership',
      ready: false,
    });
    const purposes = attached.data.dnsRecords.map((record) => record.purpose);
    expect(purposes).toEqual(expect.arrayContaining(['ownership', 'traffic']));
    for (const record of attached.data.dnsRecords) {
      expect(record.satisfied).toBe(false);
      await stack.publish(record.name, record.type, record.value);
    }

    const ready = await untilDomain(domain, 'the domain bound and ready', (status) => status === 'bound');
    expect(ready.dnsRecords.map((record) => [record.purpose, record.satisfied])).toEqual([
      ['ownership', true],
      ['traffic', true],
    ]);
    expect(ready.certificate).toMatchObject({ mode: 'none' });

    const listed = await listDomains({
      client,
      path: { bucket: BUCKET },
      query: { status: 'bound', ready: 'true' },
    });
    expect(listed.data.items.map((item) => item.domain)).toContain(domain);
    const pending = await listDomains({
      client,
      path: { bucket: BUCKET },
      query: { status: 'pending_ownership' },
    });
    expect(pending.data.items.map((item) => item.domain)).not.toContain(domain);

    const checked = await checkDomain({ client, path: { bucket: BUCKET, domain } });
    expect(checked.response.status).toBe(202);
    expect(checked.data.domain).toBe(domain);

    // The deliveries arrive signed: the client's helper verifies them with the secret shown at creation.
    const verified = await until('domain.bound and domain.ready delivered', async () => {
      const events = receiver.received.map((r) => verifyWebhook<Envelope>(secret, r.headers, r.body));
      const ours = events.filter((event) => event.payload.data.domain === domain);
      return ours.length >= 2 ? ours : undefined;
    });
    expect(verified.map((event) => event.payload.type).sort()).toEqual(['domain.bound', 'domain.ready']);
    expect(verified[0]?.id).toMatch(/\S/);
    const deliveries = await listWebhookDeliveries({ client, path: { id: subscription } });
    expect(deliveries.data.items.map((item) => item.id)).toEqual(
      expect.arrayContaining(verified.map((event) => event.id)),
    );

    const deleted = await deleteDomain({ client, path: { bucket: BUCKET, domain } });
    expect(deleted.response.status).toBe(202);
    expect(deleted.data.status).toBe('deleting');
    const gone = await until('the domain removed', async () => {
      return getDomain({ client, path: { bucket: BUCKET, domain } }).then(
        () => undefined,
        (error: unknown) => error,
      );
    });
    expect(gone).toBeInstanceOf(ProblemResponseError);
    expect(gone).toMatchObject({ status: 404, code: 'domain-not-managed' });
    expect(stack.operations()).toEqual(
      expect.arrayContaining(['CreateCnameToken', 'PutCname', 'DeleteCname']),
    );
  });

  it('surfaces 409 domain-already-managed with the resource, and 422s by code', async () => {
    const domain = 'client-twice.example.com';
    await attachDomain({ client, path: { bucket: BUCKET }, body: { domain, certificate: 'none' } });
    const twice = await problemOf(
      attachDomain({ client, path: { bucket: BUCKET }, body: { domain, certificate: 'none' } }),
    );
    expect(twice).toMatchObject({ status: 409, code: 'domain-already-managed' });
    expect(twice.problem.resource).toMatchObject({ domain, bucket: BUCKET });
    expect(twice.requestId).toMatch(/\S/);

    // The default certificate is managed, and this service has no ACME configured.
    const unmanaged = await problemOf(
      attachDomain({ client, path: { bucket: BUCKET }, body: { domain: 'client-acme.example.com' } }),
    );
    expect(unmanaged).toMatchObject({ status: 422, code: 'managed-certificates-unavailable' });

    const badHook = await problemOf(
      createWebhook({
        client,
        body: { url: 'http://user:secret@127.0.0.1/hook', events: ['domain.ready'], buckets: ['*'] },
      }),
    );
    expect(badHook).toMatchObject({ status: 422, code: 'invalid-webhook-url' });

    const invalid = await problemOf(
      attachDomain({
        client,
        path: { bucket: BUCKET },
        body: { domain: 'not a domain', certificate: 'none' },
      }),
    );
    expect(invalid).toMatchObject({ status: 400, code: 'invalid-domain' });
  });
});

interface Envelope {
  type: string;
  data: { domain: string };
}
