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
