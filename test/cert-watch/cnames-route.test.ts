// A certificate uploaded through PUT /cnames is watched from that write on: its bucket is looked at within
// the watch interval, and one with 20 days left then raises domain.certificate_expiring (30 days), in the
// documented shape for a domain that is not managed.
import { afterAll, expect, it } from 'vitest';
import { eventsOfDomain } from '../../src/events/index.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { testKey } from '../helpers/keys.ts';
import { DAY } from './helpers.ts';

const key = testKey('writer');
let t: TestApp | undefined;
afterAll(async () => t?.app.close());

it('PUT /cnames with a certificate registers its bucket, and the watch warns about it', async () => {
  // The app's clock, moved past the watch interval (1 h) once the certificates are written.
  let offset = 0;
  t = await startApp({
    keys: [key],
    env: { LOG_LEVEL: 'silent', RECONCILE_POLL_MS: '50' },
    deps: { clock: () => Date.now() + offset },
  });
  const { app, oss } = t;
  await oss.putCname({ bucket: 'web-site', domain: 'secure.example.com' });
  await oss.putCname({ bucket: 'web-site', domain: 'www.example.com' });
  // The bucket is watched from the next interval (1 h) on, no look now.
  const far = await app.inject({
    method: 'PUT',
    url: '/buckets/web-site/cnames/www.example.com',
    headers: { ...key.headers, 'content-type': 'application/json' },
    payload: { certificate: { certId: '1001-cn-hangzhou' } },
  });
  expect(far.statusCode, far.body).toBe(200);
  const [watched] = await app.store.query<{ next_check_at: string | number }>(
    'SELECT next_check_at FROM certificate_watch',
  );
  expect(Number(watched?.next_check_at) - Date.now()).toBeGreaterThan(50 * 60_000);

  const cert = await makeCertificate({
    sans: ['secure.example.com'],
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 20 * DAY),
  });
  const res = await app.inject({
    method: 'PUT',
    url: '/buckets/web-site/cnames/secure.example.com',
    headers: { ...key.headers, 'content-type': 'application/json' },
    payload: { certificate: { certificate: cert.chainPem, privateKey: cert.privateKeyPem } },
  });
  expect(res.statusCode, res.body).toBe(200);
  // Not at once: the write has just read ListCname itself.
  expect(await eventsOfDomain(app.store, 'web-site', 'secure.example.com', 10)).toEqual([]);
  offset = 61 * 60_000;
  const deadline = Date.now() + 10_000;
  let events = await eventsOfDomain(app.store, 'web-site', 'secure.example.com', 10);
  while (events.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    events = await eventsOfDomain(app.store, 'web-site', 'secure.example.com', 10);
  }
  expect(events.map((e) => e.type)).toEqual(['domain.certificate_expiring']);
  expect(events[0]?.data).toMatchObject({
    managed: false,
    bucket: 'web-site',
    domain: 'secure.example.com',
    binding: '/buckets/web-site/cnames/secure.example.com',
    certificate: { type: 'Upload', fingerprint: res.json().certificate.fingerprint },
    thresholdDays: 30,
    daysLeft: 19,
  });
});
