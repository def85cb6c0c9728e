// Secrets sent to the service never reach its log: private keys, certificates, tokens, API keys and
// Authorization headers, whether they travel in headers or bodies, succeed or fail, or are logged by
// careless code as whole objects or inside error messages.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { testKey } from '../helpers/keys.ts';

const key = testKey('writer');
const unknownKey = testKey('nobody').key;
const stsToken = `STS.${randomBytes(24).toString('base64url')}`;
const ownershipToken = randomBytes(16).toString('hex');
const basicSecret = randomBytes(12).toString('hex');
let certificatePem = '';
let privateKeyPem = '';
let t: TestApp;

/** Distinctive pieces of each secret: a PEM's body lines, the key's random part, the tokens. */
function secretFragments(): string[] {
  const pemBodies = [certificatePem, privateKeyPem].flatMap((pem) =>
    pem.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----')),
  );
  return [...pemBodies, key.key.slice(5), unknownKey.slice(5), stsToken, ownershipToken, basicSecret];
}

beforeAll(async () => {
  const material = await makeCertificate({ sans: ['www.example.com'] });
  certificatePem = material.chainPem;
  privateKeyPem = material.privateKeyPem;
  t = await startApp({
    keys: [key],
    beforeReady: (app) => {
      // Careless code: logs a whole request, then fails quoting the body.
      app.post('/test/careless', async (request) => {
        request.log.info(
          { headers: request.headers, body: request.body },
          `got ${JSON.stringify(request.body)}`,
        );
        throw new Error(
          `could not handle ${JSON.stringify(request.body)} for ${request.headers.authorization}`,
        );
      });
    },
  });
});
afterAll(() => t.app.close());

describe('log redaction', () => {
  it('keeps every secret out of the log stream', async () => {
    const headers = {
      authorization: `Bearer ${key.key}`,
      'x-oss-security-token': stsToken,
      'content-type': 'application/json',
    };
    const upload = { certificate: { certificate: certificatePem, privateKey: privateKeyPem }, force: true };
    const responses = await Promise.all([
      t.app.inject({
        method: 'PUT',
        url: '/buckets/web-site/cnames/www.example.com',
        headers,
        payload: upload,
      }),
      t.app.inject({
        method: 'PUT',
        url: '/buckets/web-site/cnames/www.example.com',
        headers: { ...headers, authorization: `Bearer ${unknownKey}` },
        payload: upload,
      }),
      t.app.inject({
        method: 'PUT',
        url: '/buckets/web-site/cnames/www.example.com',
        headers,
        payload: {
          certificate: { certificate: certificatePem, privateKey: privateKeyPem, token: ownershipToken },
        },
      }),
      t.app.inject({
        method: 'POST',
        url: '/test/careless',
        headers: { ...headers, 'x-api-key': unknownKey },
        payload: {
          privateKey: privateKeyPem,
          nested: { deeper: { certificate: certificatePem } },
          token: ownershipToken,
        },
      }),
      t.app.inject({
        method: 'POST',
        url: '/test/careless',
        headers: { authorization: `Basic ${basicSecret}`, 'content-type': 'application/json' },
        payload: { note: `inline ${privateKeyPem} and ${key.key}` },
      }),
    ]);
    // Bound (or certificate changed), unknown key, unknown body field, and the careless route twice.
    expect(responses.map((r) => r.statusCode)).toEqual([201, 401, 400, 500, 500]);

    const log = t.logs.text;
    expect(log).toContain('could not handle');
    expect(log).toContain('[REDACTED');
    for (const fragment of secretFragments()) expect(log).not.toContain(fragment);
  });
});
