// The service's own OSS client (src/oss) pointed at an emulator, so emulator tests exercise the emulator
// through the code the service runs. One attempt per call: a test sees every answer the emulator gives.

import {
  type CertificateConfigurationInput,
  type Credentials,
  createCnameToken,
  deleteCname,
  getBucketInfo,
  getBucketLocation,
  getCnameToken,
  listCname,
  type OperationSpec,
  OssClient,
  type OssResponseMeta,
  OssServiceError,
  putCname,
  type SignatureVersion,
} from '../../../src/oss/index.ts';

export interface EmulatorOssOptions {
  credentials: Credentials;
  /** Default cn-hangzhou. */
  region?: string;
  signatureVersion?: SignatureVersion;
  /** Signing clock, epoch ms; default Date.now. */
  clock?: () => number;
  readTimeoutMs?: number;
}

const open = new Set<OssClient>();

export function emulatorOss(url: string, opts: EmulatorOssOptions): OssClient {
  const client = new OssClient({
    region: opts.region ?? 'cn-hangzhou',
    endpoint: url,
    credentials: opts.credentials,
    signatureVersion: opts.signatureVersion,
    clock: opts.clock,
    readTimeoutMs: opts.readTimeoutMs,
    retry: { maxAttempts: 1 },
  });
  open.add(client);
  return client;
}

/** Closes every client emulatorOss made; call from afterAll so no pool outlives its file. */
export async function closeOssClients(): Promise<void> {
  const clients = [...open];
  open.clear();
  await Promise.all(clients.map((c) => c.close()));
}

/**
 * PutCname with a hand-written body, for what the codec would never write (children out of order, `TRUE`,
 * malformed XML): the emulator's reading of bodies is under test, the rest of the request is the client's.
 */
export const putCnameXml: OperationSpec<{ bucket: string; xml: string }, OssResponseMeta> = {
  name: putCname.name,
  method: putCname.method,
  contentType: putCname.contentType,
  subResources: putCname.subResources,
  bucket: (input) => input.bucket,
  query: () => [
    ['cname', ''],
    ['comp', 'add'],
  ],
  body: (input) => input.xml,
  parse: putCname.parse,
};

/** The operations the emulator implements, bound to one bucket of one client. */
export function bucketOps(client: OssClient, bucket: string) {
  return {
    client,
    createToken: (domain: string) => client.invoke(createCnameToken, { bucket, domain }),
    getToken: (domain: string) => client.invoke(getCnameToken, { bucket, domain }),
    put: (domain: string, certificate?: CertificateConfigurationInput) =>
      client.invoke(putCname, { bucket, domain, certificate }),
    putXml: (xml: string) => client.invoke(putCnameXml, { bucket, xml }),
    list: () => client.invoke(listCname, { bucket }),
    remove: (domain: string) => client.invoke(deleteCname, { bucket, domain }),
    location: () => client.invoke(getBucketLocation, { bucket }),
    info: () => client.invoke(getBucketInfo, { bucket }),
  };
}

export type BucketOps = ReturnType<typeof bucketOps>;

export function emulatorBucket(url: string, bucket: string, opts: EmulatorOssOptions): BucketOps {
  return bucketOps(emulatorOss(url, opts), bucket);
}

/** The OSS error answer a call fails with; anything else (success, network failure) fails the test. */
export async function serviceError(call: Promise<unknown>): Promise<OssServiceError> {
  const outcome = await call.then(
    () => new Error('expected an OSS error answer, the call succeeded'),
    (err: unknown) => err,
  );
  if (outcome instanceof OssServiceError) return outcome;
  throw outcome;
}

/** HTTP status of a call, whether it succeeded or OSS answered with an error. */
export async function statusOf(call: Promise<{ status: number }>): Promise<number> {
  try {
    return (await call).status;
  } catch (err) {
    if (err instanceof OssServiceError) return err.status;
    throw err;
  }
}
