// Requests for the auth tests: the service's client signing at the emulator's time, or the client's own
// request built, changed after signing and sent raw.
import {
  type Credentials,
  listCname,
  type OperationSpec,
  type SignatureVersion,
} from '../../../src/oss/index.ts';
import type { ClockedEmulator } from './clocked.ts';
import { KEY_A } from './emulator.ts';
import { sendWire, type WireRequest } from './raw-http.ts';
import { built, presigned, type SignOptions } from './signed.ts';
import { xmlText } from './xml.ts';

export interface Who {
  bucket?: string;
  credentials?: Credentials;
  region?: string;
  signatureVersion?: SignatureVersion;
}

export const code = (body: string) => xmlText(body, 'Error/Code');
export const ec = (body: string) => xmlText(body, 'Error/EC');

export const bucketInfoCall = {
  method: 'GET',
  bucket: 'examplebucket',
  query: [['bucketInfo', '']],
} as const;

export function authCalls(env: ClockedEmulator) {
  /** The service's client, signing at the emulator's time. */
  const ops = ({ bucket = 'examplebucket', credentials = KEY_A, region, signatureVersion }: Who = {}) =>
    env.ops(bucket, { credentials, region, signatureVersion });
  /** The client's request for `op`, to be changed after signing and sent raw. */
  const request = <I, O>(op: OperationSpec<I, O>, input: I, opts: Partial<SignOptions> = {}) =>
    built(env.emulator.url, op, input, {
      credentials: KEY_A,
      signingTime: new Date(env.emulator.now()),
      ...opts,
    });
  const presign = (
    version: 'v4' | 'v1',
    call: Parameters<typeof presigned>[1],
    opts: Partial<SignOptions> = {},
  ) =>
    presigned(env.emulator.url, call, {
      version,
      credentials: KEY_A,
      signingTime: new Date(env.emulator.now()),
      ...opts,
    });
  return {
    ops,
    a: () => ops(),
    request,
    listRequest: (opts: Partial<SignOptions> = {}) => request(listCname, { bucket: 'examplebucket' }, opts),
    send: (req: WireRequest) => sendWire(env.emulator.url, req),
    presign,
  };
}
