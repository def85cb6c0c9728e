// The date renderings OSS uses in CNAME payloads (protocol §1): RFC 1123, the same with the day of month
// not zero-padded (certificate validity), and ISO 8601 with milliseconds.

/** `Sat, 16 Dec 2023 16:20:57 GMT` */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** `Mon, 4 May 2048 10:14:51 GMT`: the day is not zero-padded, as in ListCname's ValidStartDate/ValidEndDate. */
export function unpaddedHttpDate(ms: number): string {
  return httpDate(ms).replace(/^(\w{3}), 0(\d)/, '$1, $2');
}

/** `2021-09-15T02:35:07.000Z`: OSS keeps whole seconds, so the milliseconds are always zero. */
export function isoDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}
