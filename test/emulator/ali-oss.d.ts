// The slice of the untyped ali-oss package (no @types installed) that the emulator tests use.

declare module 'ali-oss' {
  interface Options {
    region?: string;
    endpoint?: string;
    accessKeyId: string;
    accessKeySecret: string;
    stsToken?: string | undefined;
    bucket?: string;
    authorizationV4?: boolean;
    retryMax?: number;
  }

  interface BucketSummary {
    name: string;
    region: string;
    creationDate: string;
  }

  export default class OSS {
    constructor(options: Options);
    getBucketInfo(
      name: string,
    ): Promise<{ bucket: Record<string, unknown> & { Name: string; Location: string } }>;
    getBucketLocation(name: string): Promise<{ location: string }>;
    listBuckets(query?: Record<string, string | number>): Promise<{
      buckets: BucketSummary[] | null;
      isTruncated: boolean;
      nextMarker: string | null;
    }>;
  }
}
