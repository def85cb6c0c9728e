// The CNAME state model (protocol §7), second half: binding rules, limits, request bodies, ICP filing,
// listing and unbinding, and the XML shapes of the operations (tokens: cname-ownership.test.ts).

import { describe, expect, it } from 'vitest';
import { buildEmulator } from '../../src/emulator/index.ts';
import { getBucketInfo, listCname } from '../../src/oss/index.ts';
import { useClockedEmulator } from './helpers/clocked.ts';
import { ACCOUNT_A, ACCOUNT_B, KEY_A, KEY_B, TEST_SEED } from './helpers/emulator.ts';
import { bind, publishToken } from './helpers/lifecycle.ts';
import { emulatorBucket, serviceError } from './helpers/oss.ts';
import { sendWire } from './helpers/raw-http.ts';
import { built } from './helpers/signed.ts';
import { xmlText } from './helpers/xml.ts';

const START = Date.parse('2025-03-04T05:06:07Z');
const HOUR = 3_600_000;
const env = useClockedEmulator(START);

const example = () => env.ops();

describe('PutCname binding rules', () => {
  it('is idempotent on the same bucket and keeps LastModified', async () => {
    await bind(env.emulator, example(), 'static.example.com');
    const first = await example().list();
    env.clock.advance(HOUR);
    await env.emulator.deleteDnsRecord('_dnsauth.static.example.com');
    expect((await example().put('static.example.com')).status).toBe(200);
    const second = await example().list();
    expect(second.cnames).toHaveLength(1);
    expect(second.cnames[0]?.lastModified.raw).toBe(first.cnames[0]?.lastModified.raw);
    expect(first.cnames[0]?.lastModified.raw).toBeTruthy();
  });

  it('answers CnameAlreadyExists (409, CNAME_OSS) for another bucket of the same account', async () => {
    await bind(env.emulator, example(), 'static.example.com');
    const other = env.ops('otherbucket');
    await publishToken(env.emulator, other, 'static.example.com');
    const answer = await serviceError(other.put('static.example.com'));
    expect(answer.status).toBe(409);
    expect(answer.code).toBe('CnameAlreadyExists');
    expect(answer.fields.CnameType).toBe('CNAME_OSS');
  });

  it('answers CnameDenied (403) for another account, whatever its DNS says', async () => {
    await bind(env.emulator, example(), 'static.example.com');
    const foreign = env.ops('foreignbucket', { credentials: KEY_B });
    await publishToken(env.emulator, foreign, 'static.example.com');
    const answer = await serviceError(foreign.put('static.example.com'));
    expect(answer.status).toBe(403);
    expect(answer.code).toBe('CnameDenied');
    expect(answer.serverMessage).toBe('The cname belongs to another user.');
  });

  it.each(['cdn.aliyuncs.com', 'aliyun.com', 'x.aliyun-inc.com', 'img.taobaocdn.com', 'www.taobao.com'])(
    'answers CnameIsForbidden for the reserved %s',
    async (domain) => {
      const put = await serviceError(example().put(domain));
      expect(put.status).toBe(403);
      expect(put.code).toBe('CnameIsForbidden');
      expect(put.ec).toBe('0018-00000401');
      expect((await serviceError(example().createToken(domain))).code).toBe('CnameIsForbidden');
    },
  );

  it('answers InvalidArgument for `w.c` with OSS’s message', async () => {
    const answer = await serviceError(example().put('w.c'));
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('InvalidArgument');
    expect(answer.serverMessage).toBe('Entire hostname must be longer than 3 ASCII characters.');
  });

  it.each([
    '*.example.com',
    'bad_label.example.com',
    '-lead.example.com',
    'localhost',
    `${'a'.repeat(64)}.example.com`,
    'bücher.example',
  ])('answers InvalidArgument for %s', async (domain) => {
    const answer = await serviceError(example().put(domain));
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('InvalidArgument');
  });

  it('compares domains case-insensitively', async () => {
    await bind(env.emulator, example(), 'Static.Example.COM');
    const list = await example().list();
    expect(list.cnames[0]?.domain).toBe('static.example.com');
  });

  it('limits a bucket to 100 domains', async () => {
    const ops = example();
    for (let i = 0; i < 100; i++) await bind(env.emulator, ops, `d${i}.example.com`);
    await publishToken(env.emulator, ops, 'd100.example.com');
    const answer = await serviceError(ops.put('d100.example.com'));
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('TooManyCname');
    expect((await ops.list()).cnames).toHaveLength(100);
  });
});

describe('request bodies', () => {
  const put = (body: string) => example().putXml(body);

  it.each([
    ['not XML', 'hello'],
    ['an unclosed element', '<BucketCnameConfiguration><Cname><Domain>a.example.com</Cname>'],
    [
      'another root',
      '<CnameConfiguration><Cname><Domain>a.example.com</Domain></Cname></CnameConfiguration>',
    ],
    ['no Domain', '<BucketCnameConfiguration><Cname></Cname></BucketCnameConfiguration>'],
    [
      'two Domains',
      '<BucketCnameConfiguration><Cname><Domain>a.example.com</Domain><Domain>b.example.com</Domain></Cname></BucketCnameConfiguration>',
    ],
    [
      'a DOCTYPE',
      '<!DOCTYPE x [<!ENTITY e "a">]><BucketCnameConfiguration><Cname><Domain>&e;.example.com</Domain></Cname></BucketCnameConfiguration>',
    ],
    ['Force written 1', cnameXml('<CertId>1234567-cn-hangzhou</CertId><Force>1</Force>')],
    [
      'DeleteCertificate with Force',
      cnameXml('<DeleteCertificate>true</DeleteCertificate><Force>false</Force>'),
    ],
    ['an empty body', ''],
  ])('answers MalformedXML for %s', async (_, body) => {
    const answer = await serviceError(put(body));
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('MalformedXML');
    expect(answer.serverMessage).toBe(
      'The XML you provided was not well-formed or did not validate against our published schema.',
    );
  });

  it('accepts an XML declaration, whitespace and stray text between elements', async () => {
    await publishToken(env.emulator, example(), 'a.example.com');
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n<BucketCnameConfiguration>\n  <Cname>\n    <Domain>a.example.com</Domain>;\n  </Cname>\n</BucketCnameConfiguration>\n';
    expect((await put(body)).status).toBe(200);
  });

  it('treats `cname` and `cname=` alike', async () => {
    await bind(env.emulator, example(), 'a.example.com');
    expect((await example().list()).cnames[0]?.domain).toBe('a.example.com');
    // The client sends `cname=`; `?cname` alone is still signed alike (V4 canonicalises both to `cname`).
    const request = built(
      env.emulator.url,
      listCname,
      { bucket: 'examplebucket' },
      { credentials: KEY_A, signingTime: new Date(env.emulator.now()) },
    );
    expect(request.target).toBe('/examplebucket/?cname=');
    const bare = await sendWire(env.emulator.url, { ...request, target: '/examplebucket/?cname' });
    expect(xmlText(bare.body, 'ListCnameResult/Cname/Domain')).toBe('a.example.com');
  });
});

describe('ICP filing and risky domains', () => {
  it('answers NoSuchCnameInRecord for unfiled domains in an ICP region, and binds filed ones', async () => {
    const icp = await buildEmulator({
      seed: {
        ...TEST_SEED,
        icp: { regions: ['cn-hangzhou'], filedDomains: ['filed.com'] },
        riskyDomains: ['risky.net'],
      },
      log: () => {},
    });
    try {
      const ops = emulatorBucket(icp.url, 'examplebucket', { credentials: KEY_A });
      await publishToken(icp, ops, 'www.unfiled.com');
      const refused = await serviceError(ops.put('www.unfiled.com'));
      expect(refused.status).toBe(404);
      expect(refused.code).toBe('NoSuchCnameInRecord');
      await bind(icp, ops, 'www.filed.com');
      const beijing = emulatorBucket(icp.url, 'beijingbucket', { credentials: KEY_A, region: 'cn-beijing' });
      await bind(icp, beijing, 'www.unfiled.org');
      const risky = await serviceError(ops.put('cdn.risky.net'));
      expect(risky.status).toBe(403);
      expect(risky.code).toBe('CnameIsRisk');
    } finally {
      await icp.close();
    }
  });
});

describe('ListCname and DeleteCname', () => {
  it('answers 200 with Bucket and Owner on a bucket with nothing bound', async () => {
    const list = await example().list();
    expect(list.status).toBe(200);
    expect(list).toMatchObject({ bucket: 'examplebucket', owner: ACCOUNT_A, cnames: [] });
    const answer = await env.raw(listCname, { bucket: 'examplebucket' });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListCnameResult>\n  <Bucket>examplebucket</Bucket>\n  <Owner>1000000000000001</Owner>\n</ListCnameResult>',
    );
    expect((await example().remove('nothing.example.com')).status).toBe(200);
  });

  it('lists Domain, LastModified (ISO with ms) and Status per bound domain, in binding order', async () => {
    await bind(env.emulator, example(), 'b.example.com');
    env.clock.advance(1500);
    await bind(env.emulator, example(), 'a.example.com');
    const { cnames } = await example().list();
    expect(cnames.map((c) => c.domain)).toEqual(['b.example.com', 'a.example.com']);
    expect(cnames.map((c) => c.lastModified.raw)).toEqual([
      '2025-03-04T05:06:07.000Z',
      '2025-03-04T05:06:08.000Z',
    ]);
    expect(cnames.map((c) => c.status)).toEqual(['Enabled', 'Enabled']);
  });

  it('unbinds only from its own bucket', async () => {
    await bind(env.emulator, example(), 'a.example.com');
    expect((await env.ops('otherbucket').remove('a.example.com')).status).toBe(200);
    expect((await example().list()).cnames).toHaveLength(1);
    expect((await example().remove('a.example.com')).status).toBe(200);
    expect((await example().list()).cnames).toHaveLength(0);
    // Unbound, the domain can go to the other bucket.
    await bind(env.emulator, env.ops('otherbucket'), 'a.example.com');
  });

  it('shows the owner account in ListCname', async () => {
    const list = await env.ops('foreignbucket', { credentials: KEY_B }).list();
    expect(list.owner).toBe(ACCOUNT_B);
    expect((await example().list()).owner).toBe(ACCOUNT_A);
  });
});

describe('CNAME-style requests', () => {
  it('addresses the bucket through a bound domain in Host', async () => {
    await bind(env.emulator, example(), 'static.example.com');
    // The client has no CNAME addressing (the service never needs it): its request, sent to the domain.
    const request = built(
      env.emulator.url,
      getBucketInfo,
      { bucket: 'examplebucket' },
      { credentials: KEY_A, signingTime: new Date(env.emulator.now()) },
    );
    const answer = await sendWire(env.emulator.url, {
      ...request,
      target: '/?bucketInfo=',
      host: 'static.example.com',
    });
    expect(answer.status).toBe(200);
    expect(xmlText(answer.body, 'BucketInfo/Bucket/Name')).toBe('examplebucket');
  });
});

function cnameXml(certificateChildren: string): string {
  return `<BucketCnameConfiguration><Cname><Domain>a.example.com</Domain><CertificateConfiguration>${certificateChildren}</CertificateConfiguration></Cname></BucketCnameConfiguration>`;
}
