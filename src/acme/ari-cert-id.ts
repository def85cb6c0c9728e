// RFC 9773 §4.1 certificate id: base64url(AuthorityKeyIdentifier.keyIdentifier) "." base64url(serial
// DER content octets). Node's X509Certificate exposes neither in that form, so the DER is read here.

import type { X509Certificate } from 'node:crypto';

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function readTlv(der: Buffer, at: number): Tlv {
  const tag = der[at] as number;
  let length = der[at + 1] as number;
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (der[start + i] as number);
    start += bytes;
  }
  if (start + length > der.length) throw new Error('truncated DER');
  return { tag, start, end: start + length };
}

function children(der: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const tlv = readTlv(der, at);
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

const AKI_OID = Buffer.from([0x55, 0x1d, 0x23]);

function authorityKeyId(der: Buffer, tbs: Tlv): Buffer | undefined {
  const extensionsWrapper = children(der, tbs).find((t) => t.tag === 0xa3);
  if (extensionsWrapper === undefined) return undefined;
  const [extensions] = children(der, extensionsWrapper);
  if (extensions === undefined) return undefined;
  for (const extension of children(der, extensions)) {
    const parts = children(der, extension);
    const oid = parts[0];
    if (oid === undefined || !der.subarray(oid.start, oid.end).equals(AKI_OID)) continue;
    const value = parts[parts.length - 1] as Tlv; // OCTET STRING after the optional critical flag
    const [sequence] = children(der, value);
    const keyId = sequence === undefined ? undefined : children(der, sequence).find((t) => t.tag === 0x80);
    return keyId === undefined ? undefined : der.subarray(keyId.start, keyId.end);
  }
  return undefined;
}

/** The ARI id of a certificate, or undefined when it has no authority key identifier. */
export function ariCertId(certificate: X509Certificate): string | undefined {
  const der = certificate.raw;
  const tbs = children(der, readTlv(der, 0))[0];
  if (tbs === undefined) return undefined;
  const fields = children(der, tbs);
  const serial = fields[0]?.tag === 0xa0 ? fields[1] : fields[0];
  const aki = authorityKeyId(der, tbs);
  if (serial === undefined || aki === undefined) return undefined;
  const b64 = (bytes: Buffer) => bytes.toString('base64url');
  return `${b64(aki)}.${b64(der.subarray(serial.start, serial.end))}`;
}
