import type { OssClient } from '../../src/oss/index.ts';
import { deleteCname, getBucketLocation, getCnameToken, listCname, putCname } from '../../src/oss/index.ts';

// The OSS calls a service request made (read from its request log), made again directly with the same
// client: the comparison that does exactly the service's OSS work and nothing else.

export interface Upload {
  certificate: string;
  privateKey: string;
}

export type DirectCall = (client: OssClient, domain: string, upload?: Upload) => Promise<unknown>;

function table(bucket: string): Record<string, DirectCall> {
  return {
    ListCname: (c) => c.invoke(listCname, { bucket }),
    PutCname: (c, domain, upload) =>
      c.invoke(putCname, {
        bucket,
        domain,
        ...(upload === undefined ? {} : { certificate: { ...upload, force: true } }),
      }),
    DeleteCname: (c, domain) => c.invoke(deleteCname, { bucket, domain }),
    GetCnameToken: (c, domain) => c.invoke(getCnameToken, { bucket, domain }),
    GetBucketLocation: (c) => c.invoke(getBucketLocation, { bucket }),
  };
}

/** The calls for `operations` in order; throws on an operation the bench cannot make directly. */
export function directCalls(operations: readonly string[], bucket: string): DirectCall[] {
  const calls = table(bucket);
  return operations.map((op) => {
    const call = calls[op];
    if (!call) throw new Error(`the service made an OSS call the bench cannot mirror: ${op}`);
    return call;
  });
}
