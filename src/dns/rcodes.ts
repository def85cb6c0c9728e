// Response codes by name, both ways (RFC 1035 §4.1.1, RFC 6891 for the extended BADVERS).

export const RCODES = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  BADVERS: 16,
} as const;

export type RcodeName = keyof typeof RCODES;

const NAMES = new Map<number, string>(Object.entries(RCODES).map(([name, value]) => [value, name]));

/** The name of a (possibly extended) rcode; unknown ones read RCODE_<n>. */
export function rcodeName(value: number): string {
  return NAMES.get(value) ?? `RCODE_${value}`;
}
