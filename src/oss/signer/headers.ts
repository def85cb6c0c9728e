/** Sets a header, replacing any spelling of the same name (HTTP names are case-insensitive). */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  const lname = name.toLowerCase();
  for (const existing of Object.keys(headers)) {
    if (existing.toLowerCase() === lname) delete headers[existing];
  }
  headers[name] = value;
}

export function getHeader(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const lname = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lname) return v;
  return undefined;
}

/** The `Key=Value` fields of an `Authorization: <algorithm> Key=Value,…` header. */
export interface AuthorizationFields {
  fields: Map<string, string>;
  /** Some part had no `=` at all; OSS refuses such a header, Alidns reads past it. */
  barePart: boolean;
}

/** Splits an Authorization header into its fields; undefined when it names another algorithm. */
export function authorizationFields(value: string, algorithm: string): AuthorizationFields | undefined {
  if (!value.startsWith(`${algorithm} `)) return undefined;
  const fields = new Map<string, string>();
  let barePart = false;
  for (const part of value.slice(algorithm.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) barePart = true;
    else if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return { fields, barePart };
}
