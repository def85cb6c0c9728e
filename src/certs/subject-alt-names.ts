// Reads node's rendering of subjectAltName (`DNS:a.example, IP Address:192.0.2.1, DNS:"x,y"`). Node
// JSON-quotes values that contain separators, so a plain split on ", " would be fooled by hostile names.

export interface AltName {
  type: string;
  value: string;
}

export function parseSubjectAltName(text: string | undefined): AltName[] {
  if (text === undefined) return [];
  const names: AltName[] = [];
  let position = 0;
  while (position < text.length) {
    const colon = text.indexOf(':', position);
    if (colon < 0) break;
    const type = text.slice(position, colon);
    let value: string;
    let next: number;
    if (text[colon + 1] === '"') {
      const close = closingQuote(text, colon + 2);
      if (close < 0) break;
      value = decodeQuoted(text.slice(colon + 1, close + 1));
      next = close + 1;
    } else {
      const separator = text.indexOf(', ', colon + 1);
      next = separator < 0 ? text.length : separator;
      value = text.slice(colon + 1, next);
    }
    names.push({ type, value });
    position = text.startsWith(', ', next) ? next + 2 : next;
    if (position === next && next < text.length) break;
  }
  return names;
}

export function dnsNames(text: string | undefined): string[] {
  return parseSubjectAltName(text)
    .filter((name) => name.type === 'DNS')
    .map((name) => name.value);
}

function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function decodeQuoted(quoted: string): string {
  try {
    return String(JSON.parse(quoted));
  } catch {
    return quoted.slice(1, -1);
  }
}
