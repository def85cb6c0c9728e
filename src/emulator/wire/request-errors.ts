// Errors about the request itself rather than its signature or the CNAME rules. ECs marked "doc" are
// sourced (docs/emulator.md); the rest are the emulator's choice.

import { OssErrorReply } from './oss-error.ts';

export function noSuchBucket(bucket: string): OssErrorReply {
  return new OssErrorReply({
    status: 404,
    code: 'NoSuchBucket',
    message: 'The specified bucket does not exist.',
    ec: '0015-00000101', // doc
    extras: [['BucketName', bucket]],
  });
}

const MALFORMED_XML_MESSAGE =
  'The XML you provided was not well-formed or did not validate against our published schema.';

export function malformedXml(): OssErrorReply {
  return new OssErrorReply({
    status: 400,
    code: 'MalformedXML',
    message: MALFORMED_XML_MESSAGE,
    ec: '0018-00000002',
  });
}

export function invalidArgument(
  name: string,
  value: string,
  message: string,
  ec = '0017-00000101',
): OssErrorReply {
  return new OssErrorReply({
    status: 400,
    code: 'InvalidArgument',
    message,
    ec,
    extras: [
      ['ArgumentName', name],
      ['ArgumentValue', value],
    ],
  });
}

export function invalidDigest(provided: string): OssErrorReply {
  return new OssErrorReply({
    status: 400,
    code: 'InvalidDigest',
    message: 'The Content-MD5 you specified did not match what we received.',
    ec: '0016-00000201',
    extras: [['Content-MD5', provided]],
  });
}

export function unknownOperation(method: string): OssErrorReply {
  return new OssErrorReply({
    status: 400,
    code: 'InvalidRequest',
    message: `The emulator cannot identify the API operation of this ${method} request; it implements the CNAME operations, GetBucketLocation, GetBucketInfo and ListBuckets.`,
    ec: '0017-00000001', // doc: "OSS cannot identify the API operation"
  });
}

export function entityTooLarge(limit: number): OssErrorReply {
  return new OssErrorReply({
    status: 400,
    code: 'EntityTooLarge',
    message: `Your proposed upload exceeds the maximum allowed size of ${limit} bytes.`,
    ec: '0016-00000202',
  });
}

/** An unexpected failure inside the emulator, answered the way OSS answers its own. */
export function internalError(): OssErrorReply {
  return new OssErrorReply({
    status: 500,
    code: 'InternalError',
    message: 'We encountered an internal error. Please try again.',
    ec: '0000-00000500',
  });
}
