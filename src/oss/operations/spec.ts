import type { OssServiceError } from '../errors.ts';
import type { OssHttpResponse } from '../response.ts';
import type { QueryPairs } from '../signer/index.ts';

export const CONTENT_TYPE_XML = 'application/xml';
/** What the Go SDK sends when an operation sets no type of its own (GetBucketInfo, ListBuckets...). */
export const CONTENT_TYPE_DEFAULT = 'application/octet-stream';

/** Everything needed to put one OSS operation on the wire and read its answer. */
export interface OperationSpec<I, O> {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly contentType: string;
  /** Query parameters the V1 signer must include besides its fixed whitelist (`cname`, `comp`). */
  readonly subResources?: readonly string[];
  /** The bucket addressed, or undefined for service-level requests (ListBuckets). */
  bucket(input: I): string | undefined;
  /** Query in wire order; empty values are sent as `name=` like the SDKs do. */
  query(input: I): QueryPairs;
  /** XML body, when the operation has one. */
  body?(input: I): string | undefined;
  /** Client-side checks beyond the bucket name; throws OssValidationError. */
  validate?(input: I): void;
  parse(res: OssHttpResponse): O;
  /** Some errors mean success for our purposes (NoSuchCname on ListCname / DeleteCname). */
  recover?(err: OssServiceError): O | undefined;
  /**
   * Whether the request may be repeated after a failure that might have reached OSS (5xx, read timeout,
   * dropped connection). Defaults to true; see docs/oss-client.md for the per-operation reasoning.
   */
  repeatable?(input: I): boolean;
}
