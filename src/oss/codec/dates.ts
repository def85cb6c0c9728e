import { parseHttpDate } from '../signer/index.ts';
import type { OssDate } from '../types.ts';

/**
 * Keeps the date exactly as OSS sent it and adds an ISO 8601 form when it parses. OSS mixes RFC 1123
 * (`Wed, 15 Sep 2021 02:35:06 GMT`), RFC 1123 with an unpadded day (`Mon, 4 May 2048 10:14:51 GMT`) and
 * ISO 8601 (`2021-09-15T02:35:07.000Z`); Date.parse reads all three.
 */
export function ossDate(raw: string | undefined): OssDate {
  const value = raw ?? '';
  if (value === '') return { raw: '', iso: undefined };
  return { raw: value, iso: parseHttpDate(value)?.toISOString() };
}
