// Errors about the request itself rather than its signature or the CNAME rules (oss-errors.json).

import type { OssErrorReply } from './oss-error.ts';
import { type Extras, type OssErrorName, ossErrorReply, type ReplyOptions } from './oss-errors.ts';

export function noSuchBucket(bucket: string): OssErrorReply {
  return ossErrorReply('noSuchBucket', { extras: [['BucketName', bucket]] });
}

export function malformedXml(): OssErrorReply {
  return ossErrorReply('malformedXml');
}

/** An InvalidArgument-family answer, naming the argument and its value (ArgumentName, ArgumentValue). */
export function argumentError(
  entry: OssErrorName,
  argument: string,
  value: string,
  options: Omit<ReplyOptions, 'extras'> = {},
): OssErrorReply {
  const extras: Extras = [
    ['ArgumentName', argument],
    ['ArgumentValue', value],
  ];
  return ossErrorReply(entry, { ...options, extras });
}

export function invalidArgument(name: string, value: string, message: string, ec?: string): OssErrorReply {
  return argumentError('invalidArgument', name, value, { params: { message }, ec });
}

export function invalidDigest(provided: string): OssErrorReply {
  return ossErrorReply('invalidDigest', { extras: [['Content-MD5', provided]] });
}

export function unknownOperation(method: string): OssErrorReply {
  return ossErrorReply('unknownOperation', { params: { method } });
}

export function entityTooLarge(limit: number): OssErrorReply {
  return ossErrorReply('entityTooLarge', { params: { limit } });
}

/** An unexpected failure inside the emulator, answered the way OSS answers its own. */
export function internalError(): OssErrorReply {
  return ossErrorReply('internalError');
}
