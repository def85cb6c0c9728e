// Date renderings used on the wire. OSS uses both the ISO basic form (V4) and RFC 1123 (Date header, V1).

/** `20231216T162057Z` */
export function isoBasic(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** `Sat, 16 Dec 2023 16:20:57 GMT` */
export function rfc1123(date: Date): string {
  return date.toUTCString();
}

/** Parses `20231216T162057Z`; returns undefined for anything else. */
export function parseIsoBasic(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** Parses an HTTP date (RFC 1123, also the non-padded day OSS uses); undefined when unparseable. */
export function parseHttpDate(value: string): Date | undefined {
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t);
}
