// TXT data on the wire is a list of character-strings of at most 255 bytes each (RFC 1035 §3.3.14).
// Long values are split on byte boundaries and joined back without a separator, which is how OSS and
// most verifiers read a long token record.

const MAX_CHARACTER_STRING = 255;

/** Splits a TXT value into ≤255-byte character-strings; an empty value is one empty string. */
export function splitTxt(value: string): Buffer[] {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length === 0) return [Buffer.alloc(0)];
  const parts: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += MAX_CHARACTER_STRING) {
    parts.push(bytes.subarray(offset, offset + MAX_CHARACTER_STRING));
  }
  return parts;
}

/** Joins the character-strings of one TXT record; bytes are joined first so split UTF-8 survives. */
export function joinTxt(parts: ReadonlyArray<string | Buffer>): string {
  return Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part))).toString(
    'utf8',
  );
}
