// Realistic secrets through every route and every error path, over the real client and the emulator:
// private keys (RSA PKCS#1 and PKCS#8, EC SEC1 and PKCS#8, encrypted), certificates, ownership tokens, the
// service's OSS secret and STS token, a caller's stray STS token and API keys. Every log line (the app's,
// at trace level, and the emulator's) and every response (headers and body) is searched.
//
// What a caller is meant to get back, and nothing more: the ownership token (a value the caller publishes
// in DNS) in the body of a 2xx answer to a key that may read that domain, or of the 409 problems that tell
// it which TXT record to publish (domain-ownership-unverified, dns-not-ready). Nothing else, anywhere:
// no private key, certificate PEM, OSS secret, STS token or API key in any log line or response, and no
// token in any log line, response header, or other response.

import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCnameToken, putCname } from '../../src/oss/index.ts';
import { LogCapture } from '../helpers/app.ts';
import { encryptKey } from '../helpers/cert-keys.ts';
import { makeCertificate } from '../helpers/certs.ts';
import { testKey } from '../helpers/keys.ts';
import { TEST_SEED } from '../helpers/stack.ts';
import { BUCKET, type FaultStack, startFaultStack } from '../resilience/helpers/fault-stack.ts';
import { ROUTES, type RouteCase } from '../service/helpers/route-table.ts';

const DOMAIN = 'www.example.com';
const OSS_KEY_ID = 'LTAI5tSecretsProbe01';
const OSS_SECRET = randomBytes(24).toString('base64url').slice(0, 30);
const SERVICE_STS = `CAIS${randomBytes(300).toString('base64')}`;
const CALLER_STS = `CAIS${randomBytes(200).toString('base64')}`;
const wrongKey = testKey('nobody').key;

interface Material {
  name: string;
  certificate: string;
  privateKey: string;
}

let materials: Material[] = [];
let encryptedKey = '';
let s: FaultStack;
const logs = new LogCapture();
const emulatorLog: string[] = [];
const tokens = new Set<string>();
const answers: Array<{ what: string; authorized: boolean; res: LightMyRequestResponse }> = [];

const seed = {
  ...TEST_SEED,
  accounts: TEST_SEED.accounts.map((account, i) =>
    i === 0
      ? {
          ...account,
          accessKeys: [
            ...account.accessKeys,
            { id: OSS_KEY_ID, secret: OSS_SECRET, securityToken: SERVICE_STS },
          ],
        }
      : account,
  ),
};

/** The PEM's body lines: distinctive wherever a fragment of it would end up. */
const pemFragments = (pem: string) =>
  pem.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----'));

function neverAnywhere(): string[] {
  return [
    ...materials.flatMap((m) => [...pemFragments(m.privateKey), ...pemFragments(m.certificate)]),
    ...pemFragments(encryptedKey),
    OSS_SECRET,
    SERVICE_STS,
    SERVICE_STS.slice(20, 80),
    CALLER_STS,
    CALLER_STS.slice(20, 80),
    s.admin.key.slice(5),
    wrongKey.slice(5),
  ];
}

const upload = (m: Material) => ({ certificate: { certificate: m.certificate, privateKey: m.privateKey } });

beforeAll(async () => {
  const specs = [
    ['RSA PKCS#1', { key: { type: 'rsa', bits: 2048 }, keyFormat: 'pkcs1', keyName: 'secrets-rsa1' }],
    ['RSA PKCS#8', { key: { type: 'rsa', bits: 2048 }, keyFormat: 'pkcs8', keyName: 'secrets-rsa8' }],
    ['EC SEC1', { key: { type: 'ec', curve: 'P-256' }, keyFormat: 'sec1', keyName: 'secrets-ec1' }],
    ['EC PKCS#8', { key: { type: 'ec', curve: 'P-384' }, keyFormat: 'pkcs8', keyName: 'secrets-ec8' }],
  ] as const;
  materials = await Promise.all(
    specs.map(async ([name, spec]) => {
      const m = await makeCertificate({ sans: [DOMAIN], ...spec });
      return { name, certificate: m.chainPem, privateKey: m.privateKeyPem };
    }),
  );
  encryptedKey = await encryptKey(materials[1]?.privateKey ?? '', 'pkcs8');
  s = await startFaultStack({
    seed,
    credentials: { accessKeyId: OSS_KEY_ID, accessKeySecret: OSS_SECRET, securityToken: SERVICE_STS },
    logStream: logs.stream,
    emulatorLog: (line) => emulatorLog.push(line),
    // Every route fails on purpose below; an open circuit would spare OSS (and the paths under test).
    breaker: { failureThreshold: 1_000 },
    // Every route is tried many ways below: more requests than the default rate-limit window allows.
    patch: (c) => ({ ...c, RATE_LIMIT_MAX: 100_000, RATE_LIMIT_ANONYMOUS_MAX: 100_000 }),
  });
}, 60_000);
afterAll(() => s.close());

function harvestTokens(): void {
  for (const t of s.emulator.state().tokens) tokens.add(t.token);
}

/** Fresh OSS state: the domain bound (or only proven), its token live and published. */
async function freshState(bound: boolean): Promise<void> {
  harvestTokens();
  await s.emulator.reset();
  await s.prove(DOMAIN);
  if (bound) await s.setup.invoke(putCname, { bucket: BUCKET, domain: DOMAIN });
  harvestTokens();
}

async function send(
  what: string,
  row: RouteCase,
  options: { body?: unknown; headers?: Record<string, string>; query?: string; authorized?: boolean } = {},
) {
  const base = row.request(BUCKET, DOMAIN);
  const body = options.body ?? base.body;
  const res = await s.app.inject({
    method: row.method,
    url: `${base.url}${options.query ?? ''}`,
    headers: {
      authorization: `Bearer ${s.admin.key}`,
      // A caller that also sends an STS token of its own (copied from a script, say).
      'x-oss-security-token': CALLER_STS,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  answers.push({ what: `${what}: ${row.method} ${row.route}`, authorized: options.authorized ?? true, res });
  return res;
}

/** PUT rows send a certificate upload (each row a different key type); the others their usual body. */
const bodyFor = (row: RouteCase, i: number): unknown => {
  const base = row.request(BUCKET, DOMAIN).body as Record<string, unknown> | undefined;
  const m = materials[i % materials.length] as Material;
  return row.method === 'PUT' ? { ...base, ...upload(m), force: true } : base;
};

describe('secrets never leak', () => {
  it('through every route on the way to success', async () => {
    for (const [i, row] of ROUTES.entries()) {
      await freshState(row.method !== 'POST');
      const res = await send('success', row, {
        body: bodyFor(row, i),
        headers: row.method === 'GET' ? {} : { 'idempotency-key': `secrets-${i}` },
      });
      expect(res.statusCode, `${row.method} ${row.route}: ${res.body}`).toBeLessThan(300);
    }
  });

  it('through validation errors: foreign fields, mismatched, encrypted and misplaced keys', async () => {
    await freshState(true);
    for (const [i, row] of ROUTES.entries()) {
      const m = materials[i % materials.length] as Material;
      const other = materials[(i + 1) % materials.length] as Material;
      const base = (row.request(BUCKET, DOMAIN).body ?? {}) as Record<string, unknown>;
      const query = `?privateKey=${encodeURIComponent(m.privateKey)}&token=${encodeURIComponent(CALLER_STS)}`;
      await send('secret in the query', row, { query });
      if (row.request(BUCKET, DOMAIN).body === undefined && row.method !== 'PUT') continue;
      for (const body of [
        { ...base, privateKey: m.privateKey, secret: OSS_SECRET },
        { ...base, certificate: { certificate: m.certificate, privateKey: other.privateKey } },
        { ...base, certificate: { certificate: m.certificate, privateKey: encryptedKey } },
        { ...base, certificate: { certificate: m.privateKey, privateKey: m.certificate } },
        { ...base, certificate: { certId: m.privateKey } },
      ]) {
        const res = await send('invalid body', row, { body });
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      }
    }
  });

  it('through refused credentials', async () => {
    for (const row of ROUTES) {
      const refusals: Array<Record<string, string>> = [
        { authorization: `Bearer ${wrongKey}` },
        { authorization: `Basic ${Buffer.from(`svc:${OSS_SECRET}`).toString('base64')}` },
        { authorization: `Bearer ${s.admin.key}`, 'x-api-key': wrongKey },
        { authorization: `Bearer ${SERVICE_STS}` },
      ];
      for (const headers of refusals) {
        const res = await send('refused key', row, { headers, authorized: false });
        expect(res.statusCode).toBe(401);
      }
    }
  });

  it.each([
    ['OSS 500', { kind: 'status', status: 500 }],
    ['OSS 503', { kind: 'status', status: 503 }],
    ['a reset connection', { kind: 'reset' }],
    ['no answer (timeout)', { kind: 'hang' }],
  ] as const)('through OSS failures: %s', async (_name, fault) => {
    await freshState(true);
    // The managed domain the success test attached would turn every /cnames write into 409 domain-managed.
    await s.app.store.run('DELETE FROM managed_domains');
    s.emulator.addFault({ op: '*', ...fault });
    try {
      const all = await Promise.all(
        ROUTES.map((row, i) => send(`OSS failing (${_name})`, row, { body: bodyFor(row, i) })),
      );
      // Routes that answer without OSS (a certificate refused first; managed domains, which answer from
      // the store and leave OSS to the reconciler) aside, OSS's failure reached the caller.
      const live = ROUTES.filter((row) => !row.route.includes('/domains')).length;
      expect(all.filter((r) => r.statusCode >= 500).length).toBeGreaterThan(live / 2);
    } finally {
      s.emulator.clearFaults();
    }
  });

  it('through OSS refusing the bind (no TXT record yet), whose answer names the record to publish', async () => {
    harvestTokens();
    await s.emulator.reset();
    const { token } = await s.setup.invoke(createCnameToken, { bucket: BUCKET, domain: DOMAIN });
    tokens.add(token);
    const put = ROUTES.find((r) => r.method === 'PUT') as RouteCase;
    const res = await send('ownership unverified', put, { body: upload(materials[0] as Material) });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.body).toContain(token);
  });

  it('— checked: no log line and no response holds a secret', () => {
    harvestTokens();
    expect(answers.length).toBeGreaterThan(ROUTES.length * 8);
    expect(tokens.size).toBeGreaterThan(0);
    expect(logs.lines.length).toBeGreaterThanOrEqual(answers.length);
    const logText = `${logs.text}\n${emulatorLog.join('\n')}`;
    for (const secret of [...neverAnywhere(), ...tokens]) {
      expect(logText.includes(secret), `log holds ${secret.slice(0, 12)}…`).toBe(false);
    }
    for (const { what, res } of answers) {
      const headers = JSON.stringify(res.headers);
      for (const secret of [...neverAnywhere(), ...tokens, OSS_KEY_ID]) {
        expect(headers.includes(secret), `${what}: header holds ${secret.slice(0, 12)}…`).toBe(false);
      }
      for (const secret of [...neverAnywhere(), OSS_KEY_ID]) {
        expect(res.body.includes(secret), `${what}: body holds ${secret.slice(0, 12)}…`).toBe(false);
      }
    }
  });

  it('— checked: the store and GET /audit hold no secret and no token', async () => {
    harvestTokens();
    const tables = ['audit_log', 'idempotency_keys', 'schema_migrations'];
    const [audited, keys, versions] = await Promise.all(
      tables.map((t) => s.app.store.query(`SELECT * FROM ${t}`)),
    );
    // Every write answer was audited; the successes' answers (tokens among them) were kept for replay.
    expect(audited?.length).toBe(answers.filter(({ what }) => !what.includes(': GET ')).length);
    expect(keys?.length).toBeGreaterThan(3);
    const stored = [...(audited ?? []), ...(keys ?? []), ...(versions ?? [])];
    const audit = await s.app.inject({
      url: '/audit?limit=500',
      headers: { authorization: `Bearer ${s.admin.key}` },
    });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items.length).toBeGreaterThan(ROUTES.length);
    for (const [where, text] of [
      ['store', JSON.stringify(stored)],
      ['GET /audit', `${JSON.stringify(audit.headers)}${audit.body}`],
    ] as const) {
      for (const secret of [...neverAnywhere(), ...tokens, OSS_KEY_ID]) {
        expect(text.includes(secret), `${where} holds ${secret.slice(0, 12)}…`).toBe(false);
      }
    }
  });

  it('— checked: tokens reach only authorized callers, in success answers and the record-to-publish problems', () => {
    // Problems that carry the records to publish, token included (a managed domain's resource too).
    const publishProblems = new Set([
      'domain-ownership-unverified',
      'dns-not-ready',
      'domain-already-managed',
    ]);
    let seen = 0;
    for (const { what, authorized, res } of answers) {
      const code = res.statusCode >= 400 ? (res.json() as { code?: string }).code : undefined;
      const meant =
        authorized && (res.statusCode < 300 || (res.statusCode === 409 && publishProblems.has(code ?? '')));
      const holds = [...tokens].some((token) => res.body.includes(token));
      if (holds) seen++;
      if (!meant) expect(holds, `${what} → ${res.statusCode} ${code ?? ''}`).toBe(false);
    }
    // The token routes and the ownership problem did hand tokens out: the check above is not vacuous.
    expect(seen).toBeGreaterThanOrEqual(3);
  });
});
