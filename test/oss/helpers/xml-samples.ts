// The samples of vectors/cname_xml_samples.json (request bodies, response bodies and error bodies), with
// what the three xml-samples-*.test.ts files need to run them through the operation specs.
import { getBucketInfo, getBucketLocation } from '../../../src/oss/operations/bucket.ts';
import {
  createCnameToken,
  deleteCname,
  getCnameToken,
  listCname,
  putCname,
} from '../../../src/oss/operations/cname.ts';
import type { OperationSpec } from '../../../src/oss/operations/spec.ts';
import type { OssHttpResponse } from '../../../src/oss/response.ts';
import { fixture } from '../../helpers/fixtures.ts';

export interface RequestSample {
  id: string;
  operation: string;
  method: string;
  path_style_url?: string;
  input: {
    bucket: string;
    'Cname.Domain'?: string;
    cname?: string;
    CertificateConfiguration?: Record<string, unknown>;
  };
  body: string | null;
  content_type: string;
  content_md5: string;
}

/** What response and error samples both record about the answer. */
interface AnswerSample {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body: string | null;
}

export interface ResponseSample extends AnswerSample {
  operation: string;
  parsed: Record<string, unknown>;
}

export interface ErrorSample extends AnswerSample {
  parsed: Record<string, string>;
}

export interface SamplesFile {
  request_serialization: RequestSample[];
  response_deserialization: ResponseSample[];
  error_responses: ErrorSample[];
}

export const samples = fixture<SamplesFile>('vectors/cname_xml_samples.json');

type AnySpec = OperationSpec<never, unknown>;
const SPECS: Record<string, AnySpec> = {
  CreateCnameToken: createCnameToken as AnySpec,
  GetCnameToken: getCnameToken as AnySpec,
  PutCname: putCname as AnySpec,
  ListCname: listCname as AnySpec,
  DeleteCname: deleteCname as AnySpec,
  GetBucketLocation: getBucketLocation as AnySpec,
  GetBucketInfo: getBucketInfo as AnySpec,
};

export function spec(operation: string): AnySpec {
  const found = SPECS[operation.split('/')[0] ?? ''];
  if (!found) throw new Error(`no spec for ${operation}`);
  return found;
}

export function response(
  status: number,
  body: string | null,
  headers: Record<string, string> = {},
): OssHttpResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, headers: lower, body: Buffer.from(body ?? '', 'utf8') };
}
