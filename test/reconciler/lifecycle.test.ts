// Managed domains over HTTP, against the emulator: attach once and the service binds the domain when its
// TXT record shows up late, with no other call; refusals and the /cnames guard; drift repaired; delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCnameToken, deleteCname, listCname, putCname } from '../../src/oss/index.ts';
import { clientFor, tripwire } from '../helpers/direct-oss.ts';
import { type DomainStack, startDomainStack, until } from './helpers.ts';

let stack: DomainStack;
beforeAll(async () => {
  stack = await startDomainStack();
});
afterAll(() => stack.close());

const domainPath = (domain: string) => `/buckets/examplebucket/domains/${domain}`;

async function statusOf(domain: string, wanted: string) {
  const res = await stack.call('GET', domainPath(domain));
  return res.body?.status === wanted ? res : undefined;
}

describe('managed domain lifecycle', () => {
  it('binds once the TXT record shows, published late, without another call', async () => {
    const domain = 'late.example.com';
    const puts = tripwire(stack.emulator, 'PutCname');
    const attached = await stack.call('POST', '/buckets/examplebucket/domains', {
      domain,
      certificate: 'none',
    });
    expect(attached.status).toBe(202);
    expect(attached.headers.get('location')).toBe(domainPath(domain));
    expect(attached.body).toMatchObject({
      domain,
      bucket: 'examplebucket',
      status: 'pending_ownership',
      ready: false,
    });
    const txt = attached.body.dnsRecords.find((r: { purpose: string }) => r.purpose === 'ownership');
    expect(txt).toMatchObject({ type: 'TXT', name: `_dnsauth.${domain}`, satisfied: false });
    expect(attached.body.dnsRecords).toContainEqual(
      expect.objectContaining({
        purpose: 'traffic',
        type: 'CNAME',
        value: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
      }),
    );

    // Checks run and wait, saying why and until when.
    const waiting = await until('a check without the TXT record', async () => {
      const res = await stack.call('GET', domainPath(domain));
      return res.body.checks.attempts >= 2 ? res.body : undefined;
    });
    expect(waiting.status).toBe('pending_ownership');
    expect(waiting.checks.lastError.code).toBe('ownership-txt-missing');
    expect(waiting.checks.nextCheckAt).toEqual(expect.any(String));
    expect(puts()).toBe(0);

    await stack.publish(txt.name, 'TXT', txt.value);
    const bound = await until('bound', () => statusOf(domain, 'bound'));
    expect(bound.body).toMatchObject({ ready: true, checks: { attempts: 0, lastError: null } });
    expect(bound.headers.get('etag')).toMatch(/^"\d+"$/);
    expect(puts()).toBe(1);
    expect(await stack.events(domain)).toEqual([
      'domain.created',
      'domain.ownership_verified',
      'domain.bound',
      'domain.ready',
    ]);
    const cnames = await stack.call('GET', `/buckets/examplebucket/cnames/${domain}`);
    expect(cnames.status).toBe(200);

    const listed = await stack.call('GET', '/buckets/examplebucket/domains?ready=true');
    expect(listed.body).toMatchObject({ bucket: 'examplebucket', nextCursor: null });
    expect(listed.body.items.map((d: { domain: string }) => d.domain)).toContain(domain);
  });

  it('keeps what dnsRecords say satisfied current while bound (a CNAME published after the binding)', async () => {
    const domain = 'cname-later.example.com';
    const attached = await stack.call('POST', '/buckets/examplebucket/domains', {
      domain,
      certificate: 'none',
    });
    type Listed = { purpose: string; name: string; value: string; satisfied: boolean };
    const record = (body: { dnsRecords: Listed[] }, purpose: string) =>
      body.dnsRecords.find((r) => r.purpose === purpose) as Listed;
    const txt = record(attached.body, 'ownership');
    await stack.publish(txt.name, 'TXT', txt.value);
    const bound = await until('bound', () => statusOf(domain, 'bound'));
    expect(record(bound.body, 'traffic').satisfied).toBe(false);

    const traffic = record(attached.body, 'traffic');
    await stack.publish(traffic.name, 'CNAME', traffic.value);
    await until('the traffic CNAME seen by a watch pass', async () => {
      const res = await stack.call('GET', domainPath(domain));
      return record(res.body, 'traffic').satisfied ? res : undefined;
    });
  });

  it('refuses a second attach with the resource, and /cnames writes to a managed domain', async () => {
    const domain = 'twice.example.com';
    expect(
      (await stack.call('POST', '/buckets/examplebucket/domains', { domain, certificate: 'none' })).status,
    ).toBe(202);
    const again = await stack.call('POST', '/buckets/examplebucket/domains', { domain, certificate: 'none' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'domain-already-managed',
      resource: { domain, bucket: 'examplebucket' },
    });
    for (const [method, path] of [
      ['PUT', `/buckets/examplebucket/cnames/${domain}`],
      ['DELETE', `/buckets/examplebucket/cnames/${domain}`],
    ] as const) {
      const res = await stack.call(method, path);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'domain-managed', route: domainPath(domain) });
    }
    const viaBody = await stack.call('PUT', '/buckets/examplebucket/cnames', { domain });
    expect(viaBody.body.code).toBe('domain-managed');
  });

  it('adopts a domain already bound through /cnames as bound, sending nothing to OSS', async () => {
    const domain = 'adopted.example.com';
    const token = await stack.call('POST', '/buckets/examplebucket/cname-tokens', { domain });
    await stack.publish(`_dnsauth.${domain}`, 'TXT', token.body.token);
    expect((await stack.call('PUT', `/buckets/examplebucket/cnames/${domain}`)).status).toBe(201);
    const puts = tripwire(stack.emulator, 'PutCname');
    const attached = await stack.call('POST', '/buckets/examplebucket/domains', {
      domain,
      certificate: 'none',
    });
    expect(attached.status).toBe(202);
    expect(attached.body).toMatchObject({ status: 'bound', ready: true });
    expect(attached.body.dnsRecords.map((r: { purpose: string }) => r.purpose)).toEqual(['traffic']);
    expect(await stack.events(domain)).toEqual(['domain.created', 'domain.bound', 'domain.ready']);
    // Watched from now on, and nothing to do.
    await until('a watch pass', async () => {
      const res = await stack.call('GET', domainPath(domain));
      return res.body.checks.lastCheckedAt !== null ? res : undefined;
    });
    expect(puts()).toBe(0);
  });

  it('answers 422 for managed certificates when the service has none', async () => {
    const res = await stack.call('POST', '/buckets/examplebucket/domains', { domain: 'tls.example.com' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('managed-certificates-unavailable');
    expect((await stack.call('GET', domainPath('tls.example.com'))).body.code).toBe('domain-not-managed');
  });

  it('repairs a binding removed behind its back, with domain.drifted', async () => {
    const domain = 'drift.example.com';
    const attached = await stack.call('POST', '/buckets/examplebucket/domains', {
      domain,
      certificate: 'none',
    });
    const txt = attached.body.dnsRecords.find((r: { purpose: string }) => r.purpose === 'ownership');
    await stack.publish(txt.name, 'TXT', txt.value);
    await until('bound', () => statusOf(domain, 'bound'));
    const other = clientFor(stack, 'LTAI5tServiceKey', 'service-secret');
    try {
      await other.invoke(deleteCname, { bucket: 'examplebucket', domain }, { region: 'cn-hangzhou' });
      await until('domain.drifted and the binding back', async () => {
        const events = await stack.events(domain);
        if (!events.includes('domain.drifted')) return undefined;
        const { cnames } = await other.invoke(
          listCname,
          { bucket: 'examplebucket' },
          { region: 'cn-hangzhou' },
        );
        return cnames.some((c) => c.domain === domain) ? true : undefined;
      });
    } finally {
      await other.close();
    }
    expect((await stack.call('GET', domainPath(domain))).body.status).toBe('bound');
    expect((await stack.events(domain)).slice(-3)).toEqual([
      'domain.drifted',
      'domain.bound',
      'domain.ready',
    ]);
  });

  it('deletes: deleting, unbound at OSS, then 404 and domain.deleted', async () => {
    const domain = 'gone.example.com';
    const attached = await stack.call('POST', '/buckets/examplebucket/domains', {
      domain,
      certificate: 'none',
    });
    const txt = attached.body.dnsRecords.find((r: { purpose: string }) => r.purpose === 'ownership');
    await stack.publish(txt.name, 'TXT', txt.value);
    await until('bound', () => statusOf(domain, 'bound'));
    const deleted = await stack.call('DELETE', domainPath(domain));
    expect([deleted.status, deleted.body.status]).toEqual([202, 'deleting']);
    await until('404', async () => {
      const res = await stack.call('GET', domainPath(domain));
      return res.status === 404 ? res : undefined;
    });
    expect((await stack.events(domain)).at(-1)).toBe('domain.deleted');
    expect((await stack.call('GET', `/buckets/examplebucket/cnames/${domain}`)).status).toBe(404);
  });

  it('fails for good when another account holds the domain, with its code', async () => {
    const domain = 'theirs.example.com';
    const theirs = clientFor(stack, 'LTAI5tOtherAccount', 'other-secret');
    try {
      const { token } = await theirs.invoke(
        createCnameToken,
        { bucket: 'theirbucket', domain },
        { region: 'cn-hangzhou' },
      );
      await stack.publish(`_dnsauth.${domain}`, 'TXT', token);
      await theirs.invoke(putCname, { bucket: 'theirbucket', domain }, { region: 'cn-hangzhou' });
    } finally {
      await theirs.close();
    }
    const attached = await stack.call('POST', '/buckets/examplebucket/domains', {
      domain,
      certificate: 'none',
    });
    expect(attached.status).toBe(202);
    const txt = attached.body.dnsRecords.find((r: { purpose: string }) => r.purpose === 'ownership');
    await stack.publish(txt.name, 'TXT', txt.value);
    const failed = await until('failed', () => statusOf(domain, 'failed'));
    expect(failed.body.checks).toMatchObject({
      nextCheckAt: null,
      lastError: { code: 'domain-held-by-other-account' },
    });
    expect((await stack.events(domain)).at(-1)).toBe('domain.failed');
  });
});
