// An "OSS" that answers with hostile XML — entity bombs, external entities, oversized or absurdly deep
// documents, in success and error answers — through the whole service: the caller always gets a clean 502
// problem, quickly, that quotes nothing of the hostile body, and the process stays healthy.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OssClient } from '../../src/oss/index.ts';
import { startApp } from '../helpers/app.ts';
import { type TestKey, testKey } from '../helpers/keys.ts';

const LOCATION =
  '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint>oss-cn-hangzhou</LocationConstraint>';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<ListCnameResult><Bucket>&lol9;</Bucket><Owner>&lol9;</Owner></ListCnameResult>`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<ListCnameResult><Bucket>&xxe;</Bucket><Owner>x</Owner><Cname><Domain>&xxe;</Domain></Cname></ListCnameResult>`;

const PARAMETER_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote;]>
<Error><Code>&exfil;</Code><Message>m</Message></Error>`;

const oneCname = (i: number) =>
  `<Cname><Domain>d${i}.example.com</Domain><LastModified>2021-09-15T02:35:07.000Z</LastModified><Status>Enabled</Status></Cname>`;
const HUGE = `<?xml version="1.0"?><ListCnameResult><Bucket>examplebucket</Bucket><Owner>o</Owner>${Array.from(
  { length: 15_000 },
  (_, i) => oneCname(i),
).join('')}</ListCnameResult>`;
const DEEP = `<ListCnameResult>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</ListCnameResult>`;

interface Answer {
  status: number;
  body: string;
  /** Stream without Content-Length (chunked), so only the running count can stop it. */
  chunked?: boolean;
}

const CASES: Array<[string, Answer]> = [
  ['an entity bomb (billion laughs) in a 200', { status: 200, body: BILLION_LAUGHS }],
  ['an external entity (XXE) in a 200', { status: 200, body: EXTERNAL_ENTITY }],
  ['a parameter entity fetching a remote DTD in a 500 error', { status: 500, body: PARAMETER_ENTITY }],
  [
    'an entity bomb in a 403 error',
    { status: 403, body: BILLION_LAUGHS.replace(/ListCnameResult/g, 'Error') },
  ],
  ['a 2 MiB document', { status: 200, body: HUGE }],
  ['a 2 MiB document without Content-Length', { status: 200, body: HUGE, chunked: true }],
  ['a 2 MiB error document', { status: 503, body: HUGE.replace(/ListCnameResult/g, 'Error'), chunked: true }],
  ['100,000 nested elements', { status: 200, body: DEEP }],
  ['an HTML page in a 200', { status: 200, body: '<html><body><script>alert(1)</script></body></html>' }],
];

let hostile: Answer = { status: 200, body: '' };
let server: Server;
let app: FastifyInstance;
let oss: OssClient;
let admin: TestKey;

function answer(req: IncomingMessage, res: ServerResponse): void {
  const reply = req.url?.includes('location') ? { status: 200, body: LOCATION } : hostile;
  const headers: Record<string, string> = {
    'content-type': 'application/xml',
    'x-oss-request-id': '5C3D9175B6FC201293AD6AAB',
  };
  if (!reply.chunked) headers['content-length'] = String(Buffer.byteLength(reply.body));
  res.writeHead(reply.status, headers);
  if (!reply.chunked) {
    res.end(reply.body);
    return;
  }
  // Written in pieces so the client sees a stream, not one buffer.
  const body = Buffer.from(reply.body);
  for (let at = 0; at < body.length; at += 64 * 1024) res.write(body.subarray(at, at + 64 * 1024));
  res.end();
}

beforeAll(async () => {
  server = createServer(answer);
  // The client drops the connection once it has seen enough; that must not fail the test server.
  server.on('clientError', (_e, socket) => socket.destroy());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  admin = testKey('admin');
  ({ app, oss } = await startApp({
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    config: (loaded) => ({ ...loaded, OSS_REGION: 'cn-hangzhou', OSS_ENDPOINT: endpoint }),
    keys: [admin],
    oss: (observer) =>
      new OssClient({
        region: 'cn-hangzhou',
        endpoint,
        credentials: { accessKeyId: 'LTAI5tHostileTest', accessKeySecret: 'hostile-secret' },
        retry: { sleep: async () => {} },
        observer,
      }),
    // Each case fails once; the breaker would otherwise open halfway through the table.
    deps: { circuitBreaker: { failureThreshold: 1_000 } },
  }));
});
afterAll(async () => {
  await app.close();
  await oss.close();
  server.closeAllConnections();
  server.close();
});

describe('hostile XML from OSS', () => {
  it.each(CASES)('%s → 502 problem, nothing of the body echoed', async (_name, reply) => {
    hostile = reply;
    const res = await app.inject({ url: '/buckets/examplebucket/cnames', headers: admin.headers });
    expect(res.statusCode, res.body).toBe(502);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.code).toMatch(/^upstream-/);
    expect(res.body.length).toBeLessThan(2_000);
    for (const fragment of [
      'lol',
      'ENTITY',
      'DOCTYPE',
      'passwd',
      'root:',
      'script',
      'd1.example.com',
      '<a>',
    ]) {
      expect(res.body).not.toContain(fragment);
    }
  });

  it('is still serving normally afterwards', async () => {
    hostile = {
      status: 200,
      body: '<ListCnameResult><Bucket>examplebucket</Bucket><Owner>o</Owner></ListCnameResult>',
    };
    const res = await app.inject({ url: '/buckets/examplebucket/cnames', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });
});
