import { decodeCnameToken, decodeListCname, encodeCnameConfiguration } from '../codec/cname.ts';
import { OssValidationError } from '../errors.ts';
import { responseMeta, xmlResult } from '../response.ts';
import type { QueryPairs } from '../signer/index.ts';
import type {
  BucketDomainInput,
  BucketInput,
  CnameToken,
  ListCnameResult,
  OssResponseMeta,
  PutCnameInput,
} from '../types.ts';
import { CONTENT_TYPE_XML, type OperationSpec } from './spec.ts';

// The five CNAME operations exactly as the official Python SDK V2 sends them (test/fixtures/wire):
// POST ?cname=&comp=token|add|delete with a BucketCnameConfiguration body, GET ?comp=token&cname=<domain>
// (that parameter order), GET ?cname=. All send Content-Type application/xml, even without a body.

const CNAME_SUB_RESOURCES = ['cname', 'comp'] as const;

function assertDomainGiven(input: BucketDomainInput): void {
  if (typeof input.domain !== 'string' || input.domain.trim() === '') {
    throw new OssValidationError('domain', 'domain must be a non-empty string');
  }
}

const bucketOf = (input: BucketInput) => input.bucket;
const domainBody = (input: BucketDomainInput) => encodeCnameConfiguration(input.domain);

/** What every CNAME write shares: POST ?cname=&comp=<comp>, for a domain that must be named. */
function cnameWrite(comp: 'token' | 'add' | 'delete') {
  return {
    method: 'POST',
    contentType: CONTENT_TYPE_XML,
    subResources: CNAME_SUB_RESOURCES,
    bucket: bucketOf,
    query: (): QueryPairs => [
      ['cname', ''],
      ['comp', comp],
    ],
    validate: assertDomainGiven,
  } as const;
}

export const createCnameToken: OperationSpec<BucketDomainInput, CnameToken> = {
  name: 'CreateCnameToken',
  ...cnameWrite('token'),
  body: domainBody,
  parse: xmlResult('CreateCnameToken', 'CnameToken', decodeCnameToken),
};

export const getCnameToken: OperationSpec<BucketDomainInput, CnameToken> = {
  name: 'GetCnameToken',
  method: 'GET',
  contentType: CONTENT_TYPE_XML,
  subResources: CNAME_SUB_RESOURCES,
  bucket: bucketOf,
  query: (input) => [
    ['comp', 'token'],
    ['cname', input.domain],
  ],
  validate: assertDomainGiven,
  parse: xmlResult('GetCnameToken', 'CnameToken', decodeCnameToken),
};

/**
 * A forced certificate overwrite is the one CNAME write that is not safe to repeat blindly: if the first
 * attempt landed and someone rotated the certificate in between, the repeat would silently undo that.
 * With PreviousCertId instead of Force, OSS's precondition check protects the repeat.
 */
function putCnameRepeatable(input: PutCnameInput): boolean {
  const cert = input.certificate;
  if (!cert || cert.deleteCertificate) return true;
  const changesCert = cert.certId !== undefined || cert.certificate !== undefined;
  return !(changesCert && cert.force === true);
}

export const putCname: OperationSpec<PutCnameInput, OssResponseMeta> = {
  name: 'PutCname',
  ...cnameWrite('add'),
  body: (input) => encodeCnameConfiguration(input.domain, input.certificate),
  parse: responseMeta,
  repeatable: putCnameRepeatable,
};

export const listCname: OperationSpec<BucketInput, ListCnameResult> = {
  name: 'ListCname',
  method: 'GET',
  contentType: CONTENT_TYPE_XML,
  subResources: CNAME_SUB_RESOURCES,
  bucket: bucketOf,
  query: () => [['cname', '']],
  parse: xmlResult('ListCname', 'ListCnameResult', decodeListCname),
  // Older OSS answers 404 NoSuchCname for a bucket without domains; newer ones 200 with no entries.
  recover: (err) =>
    err.code === 'NoSuchCname'
      ? {
          status: err.status,
          requestId: err.requestId,
          bucket: err.fields.Bucket ?? '',
          owner: '',
          cnames: [],
        }
      : undefined,
};

export const deleteCname: OperationSpec<BucketDomainInput, OssResponseMeta> = {
  name: 'DeleteCname',
  ...cnameWrite('delete'),
  body: domainBody,
  parse: responseMeta,
  // Unbinding a domain that is not bound is success (newer OSS answers 200, older 404 NoSuchCname).
  recover: (err) =>
    err.code === 'NoSuchCname' ? { status: err.status, requestId: err.requestId } : undefined,
};
