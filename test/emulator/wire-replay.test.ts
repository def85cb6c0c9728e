// The official Python SDK's recorded requests (test/fixtures/wire) replayed byte for byte: with the
// emulator's clock pinned to the recording time and the recording's AK/SK, every signature verifies and
// the whole lifecycle succeeds; the emulator's StringToSign equals the SDK's own.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.ts';
import { fixture } from '../helpers/fixtures.ts';
import { startEmulator } from './helpers/emulator.ts';
import { rawExchange, requestBytes } from './helpers/raw-http.ts';
import { xmlText } from './helpers/xml.ts';

interface Recording {
  request: {
    request_line: string;
    headers: Array<[string, string]>;
    body_base64: string;
  };
  sdk_signing_debug: { string_to_sign?: string; canonical_request?: string } | null;
}

interface RecordingFile {
  recordings: Record<Transport, Recording>;
}

const TRANSPORTS = ['v4_path_style', 'v4_virtual_hosted', 'v1_path_style'] as const;
type Transport = (typeof TRANSPORTS)[number];

const RECORDED_AT = Date.parse('2023-12-16T16:20:57Z');
const ACCOUNT = '1000000000000001';
const REPLAY_SEED = {
  accounts: [{ id: ACCOUNT, accessKeys: [{ id: 'ak', secret: 'sk' }] }],
  buckets: [{ name: 'examplebucket', region: 'cn-hangzhou', owner: ACCOUNT }],
  // The CertId the SDK sample sends, so the recorded certificate request binds a CAS certificate.
  casCertificates: [
    {
      id: '493****-cn-hangzhou',
      owner: ACCOUNT,
      fingerprint: 'DE:01:CF:EC:7C:A7:98:CB:D8:6E:FB:1D:97:EB:A9:64:1D:4E:00:00',
      validStartDate: '2023-04-12T10:14:51Z',
      validEndDate: '2048-05-04T10:14:51Z',
    },
  ],
};

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: REPLAY_SEED, now: () => RECORDED_AT });
});
afterAll(async () => {
  await emulator.close();
});

function load(name: string, transport: Transport): Recording {
  return fixture<RecordingFile>(`wire/${name}.json`).recordings[transport];
}

function replay(recording: Recording, tamper?: (headers: Array<[string, string]>) => void) {
  const headers = recording.request.headers.map(
    ([k, v]) => [k, v.replace('127.0.0.1:PORT', `127.0.0.1:${emulator.port}`)] as [string, string],
  );
  tamper?.(headers);
  const body = Buffer.from(recording.request.body_base64, 'base64');
  return rawExchange(emulator.port, requestBytes(recording.request.request_line, headers, body));
}

describe.each(TRANSPORTS)('recorded %s requests', (transport) => {
  it('verify and run the whole CNAME lifecycle', async () => {
    await emulator.reset();
    const created = await replay(load('create_cname_token', transport));
    expect(created.status, created.body).toBe(200);
    const token = xmlText(created.body, 'CnameToken/Token') ?? '';
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(xmlText(created.body, 'CnameToken/ExpireTime')).toBe('Tue, 19 Dec 2023 16:20:57 GMT');

    const fetched = await replay(load('get_cname_token', transport));
    expect(fetched.status, fetched.body).toBe(200);
    expect(xmlText(fetched.body, 'CnameToken/Token')).toBe(token);

    await emulator.setDnsRecord('_dnsauth.example.com', { type: 'TXT', values: [token] });
    const bound = await replay(load('put_cname', transport));
    expect(bound.status, bound.body).toBe(200);

    const withCert = await replay(load('put_cname_with_certificate', transport));
    expect(withCert.status, withCert.body).toBe(200);

    const listed = await replay(load('list_cname', transport));
    expect(listed.status, listed.body).toBe(200);
    expect(xmlText(listed.body, 'ListCnameResult/Cname/Domain')).toBe('example.com');
    expect(xmlText(listed.body, 'ListCnameResult/Cname/Certificate/CertId')).toBe('493****-cn-hangzhou');
    expect(xmlText(listed.body, 'ListCnameResult/Cname/Certificate/Type')).toBe('CAS');

    const unbound = await replay(load('put_cname_delete_certificate', transport));
    expect(unbound.status, unbound.body).toBe(200);
    const relisted = await replay(load('list_cname', transport));
    expect(xmlText(relisted.body, 'ListCnameResult/Cname/Certificate')).toBeUndefined();

    const deleted = await replay(load('delete_cname', transport));
    expect(deleted.status, deleted.body).toBe(200);
    const empty = await replay(load('list_cname', transport));
    expect(xmlText(empty.body, 'ListCnameResult/Cname')).toBeUndefined();
  });
});

describe('a recorded request with one byte changed', () => {
  const corrupt = (headers: Array<[string, string]>) => {
    const auth = headers.find(([k]) => k === 'Authorization');
    if (auth) auth[1] = auth[1].replace(/.$/, (c) => (c === '0' ? '1' : '0'));
  };

  it.each(['v4_path_style', 'v4_virtual_hosted'] as const)(
    '%s fails with the V4 EC and the SDK’s own string to sign',
    async (transport) => {
      const recording = load('put_cname', transport);
      const answer = await replay(recording, corrupt);
      expect(answer.status).toBe(403);
      expect(xmlText(answer.body, 'Error/Code')).toBe('SignatureDoesNotMatch');
      expect(xmlText(answer.body, 'Error/EC')).toBe('0002-00000201');
      expect(xmlText(answer.body, 'Error/StringToSign')).toBe(recording.sdk_signing_debug?.string_to_sign);
      expect(xmlText(answer.body, 'Error/CanonicalRequest')).toBe(
        recording.sdk_signing_debug?.canonical_request,
      );
      expect(xmlText(answer.body, 'Error/OSSAccessKeyId')).toBe('ak');
    },
  );

  it('v1_path_style fails with the V1 EC and the SDK’s own string to sign', async () => {
    const recording = load('put_cname', 'v1_path_style');
    const answer = await replay(recording, corrupt);
    expect(xmlText(answer.body, 'Error/Code')).toBe('SignatureDoesNotMatch');
    expect(xmlText(answer.body, 'Error/EC')).toBe('0002-00000040');
    const expected = recording.sdk_signing_debug?.string_to_sign;
    expect(expected).toBeTruthy();
    expect(xmlText(answer.body, 'Error/StringToSign')).toBe(expected);
  });

  it('changing the body breaks Content-MD5 before anything is done', async () => {
    await emulator.reset();
    const recording = load('create_cname_token', 'v4_path_style');
    const body = Buffer.from(recording.request.body_base64, 'base64')
      .toString()
      .replace('example.com', 'exbmple.com');
    const answer = await rawExchange(
      emulator.port,
      Buffer.from(
        `${recording.request.request_line}\r\n${recording.request.headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`,
      ),
    );
    expect(answer.status).toBe(400);
    expect(xmlText(answer.body, 'Error/Code')).toBe('InvalidDigest');
    expect(emulator.state().tokens).toEqual([]);
  });
});
