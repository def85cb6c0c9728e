// A binding's ETag is its certificate: the bound certificate id, or "none". A certificate change is
// the only edit a binding has, so If-Match on it is exactly OSS's PreviousCertId check, done early.
import type { CnameInfo } from '../../oss/index.ts';

export const NO_CERTIFICATE_ETAG = '"none"';

export function bindingEtag(binding: CnameInfo): string {
  const certId = binding.certificate?.certId;
  return certId ? `"${certId.replaceAll('"', '')}"` : NO_CERTIFICATE_ETAG;
}

/**
 * RFC 9110 If-Match evaluation against the binding (undefined when not bound): `*` matches any existing
 * binding; otherwise strong comparison, so weak tags (W/"…") never match.
 */
export function ifMatchHolds(header: string, binding: CnameInfo | undefined): boolean {
  if (binding === undefined) return false;
  const tags = splitTags(header);
  if (tags.includes('*')) return true;
  const current = bindingEtag(binding);
  return tags.some((tag) => tag === current);
}

/** If-None-Match: `*` fails when the binding exists; listed tags fail when one equals the current ETag. */
export function ifNoneMatchHolds(header: string, binding: CnameInfo | undefined): boolean {
  if (binding === undefined) return true;
  const tags = splitTags(header);
  if (tags.includes('*')) return false;
  const current = bindingEtag(binding);
  return !tags.some((tag) => tag === current || tag === `W/${current}`);
}

function splitTags(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}
