import { childText, type XmlElement } from '../xml.ts';

/** The five members every OSS error carries; everything else goes to `fields`. */
const CORE = new Set(['Code', 'Message', 'RequestId', 'HostId', 'EC']);
/**
 * Echoes of our Authorization value (SignatureDoesNotMatch): together with the request they could be
 * replayed while the signature is valid, so errors keep only the fact that OSS sent them.
 */
const REDACTED = new Set(['SignatureProvided']);
export const REDACTED_VALUE = '[redacted]';

export interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  hostId: string;
  ec: string;
  fields: Record<string, string>;
}

/** Reads an `<Error>` root; undefined when the root is something else or has no Code. */
export function decodeErrorBody(root: XmlElement): ErrorBody | undefined {
  if (root.name !== 'Error') return undefined;
  const code = childText(root, 'Code');
  if (code === undefined || code === '') return undefined;
  const fields: Record<string, string> = {};
  for (const [name, list] of root.children) {
    const first = list[0];
    if (!CORE.has(name) && first) fields[name] = REDACTED.has(name) ? REDACTED_VALUE : first.text;
  }
  return {
    code,
    message: childText(root, 'Message') ?? '',
    requestId: childText(root, 'RequestId') ?? '',
    hostId: childText(root, 'HostId') ?? '',
    ec: childText(root, 'EC') ?? '',
    fields,
  };
}
