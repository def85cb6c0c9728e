// Splits PEM text into blocks and writes them back canonically. Only the text armour is handled here;
// the DER inside is left to node:crypto. Pasted PEM arrives mangled in predictable ways (CRLF, indented
// lines, everything on one line, literal "\n" from double-encoded JSON), and all of them are undone here.
import { certIssue } from './issues.ts';
import type { CertIssue } from './types.ts';

export interface PemBlock {
  /** The word(s) between BEGIN and the dashes, e.g. `CERTIFICATE`, `RSA PRIVATE KEY`. */
  label: string;
  /** RFC 1421 header lines (`Proc-Type: 4,ENCRYPTED`) found before the base64 body. */
  headers: string[];
  /** Decoded body; empty when the body was not valid base64 (see `problem`). */
  der: Buffer;
  /** Why the block cannot be used, when it cannot. */
  problem: string | undefined;
}

export interface PemScan {
  blocks: PemBlock[];
  /** A BEGIN line without its END line, or similar damage outside any block. */
  damage: string | undefined;
  /** True when more than `maxBlocks` blocks were present (scanning stopped there). */
  truncated: boolean;
}

const BEGIN = '-----BEGIN ';
const DASHES = '-----';
const LABEL = /^[A-Z0-9][A-Z0-9 ]{0,48}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*:/;

/** CRLF/CR to LF; literal `\n` sequences to newlines when the text has no real newline at all. */
function normalizeNewlines(text: string): string {
  const lf = text.replace(/\r\n?/g, '\n');
  return lf.includes('\n') ? lf : lf.replaceAll('\\n', '\n');
}

export function scanPem(input: string, maxBlocks: number): PemScan {
  const text = normalizeNewlines(input);
  const blocks: PemBlock[] = [];
  let position = 0;
  while (true) {
    const begin = text.indexOf(BEGIN, position);
    if (begin < 0) return { blocks, damage: undefined, truncated: false };
    if (blocks.length === maxBlocks) return { blocks, damage: undefined, truncated: true };
    const labelStart = begin + BEGIN.length;
    const labelEnd = text.indexOf(DASHES, labelStart);
    const label = labelEnd < 0 ? '' : text.slice(labelStart, labelEnd).trim();
    if (!LABEL.test(label))
      return { blocks, damage: 'a BEGIN line is not of the form -----BEGIN <LABEL>-----', truncated: false };
    const endMarker = `-----END ${label}-----`;
    const end = text.indexOf(endMarker, labelEnd + DASHES.length);
    if (end < 0)
      return { blocks, damage: `the ${label} block has no -----END ${label}----- line`, truncated: false };
    blocks.push(parseBody(label, text.slice(labelEnd + DASHES.length, end)));
    position = end + endMarker.length;
  }
}

function parseBody(label: string, body: string): PemBlock {
  const headers: string[] = [];
  const base64Lines: string[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (base64Lines.length === 0 && HEADER_LINE.test(line)) headers.push(line);
    else base64Lines.push(line);
  }
  const base64 = base64Lines.join('').replace(/\s+/g, '');
  const empty = Buffer.alloc(0);
  if (base64 === '') return { label, headers, der: empty, problem: `the ${label} block is empty` };
  if (!BASE64.test(base64) || base64.length % 4 !== 0) {
    return { label, headers, der: empty, problem: `the ${label} block is not valid base64` };
  }
  return { label, headers, der: Buffer.from(base64, 'base64'), problem: undefined };
}

/** Canonical PEM of one block: 64-column base64, LF line ends, trailing newline. */
export function toPem(label: string, der: Buffer): string {
  const base64 = der.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Why a PEM field cannot be scanned at all (over `maxBytes`, or empty), or undefined when it can. `field`
 * names it in the issue: `certificate` or `private key`.
 */
export function pemFieldIssue(
  pem: string,
  maxBytes: number,
  field: 'certificate' | 'private key',
): CertIssue | undefined {
  const code = field === 'certificate' ? 'certificate' : 'private-key';
  // Every character is at least one UTF-8 byte, so a long string is refused without encoding it all.
  const bytes = pem.length > maxBytes ? pem.length : Buffer.byteLength(pem, 'utf8');
  if (bytes > maxBytes) {
    return certIssue(
      `${code}-too-large`,
      `The ${field} field has at least ${bytes} bytes; at most ${maxBytes} are accepted.`,
    );
  }
  if (pem.trim() === '') return certIssue(`${code}-missing`, `The ${field} field is empty.`);
  return undefined;
}
