import type { CertificateConfigurationInput, CnameCertificate, CnameInfo } from '../types.ts';
import {
  buildXml,
  childBool,
  childElements,
  childText,
  firstChild,
  type XmlChildren,
  type XmlElement,
} from '../xml.ts';
import { ossDate } from './dates.ts';

// Wire names of the CNAME bodies (protocol §2). Field order inside CertificateConfiguration follows the
// official Python SDK (Certificate, PrivateKey, PreviousCertId, Force, DeleteCertificate, CertId), which is
// what the recorded wire requests contain; OSS accepts any order.

function certificateChildren(cert: CertificateConfigurationInput): XmlChildren {
  return [
    ['Certificate', cert.certificate],
    ['PrivateKey', cert.privateKey],
    ['PreviousCertId', cert.previousCertId],
    ['Force', cert.force],
    ['DeleteCertificate', cert.deleteCertificate],
    ['CertId', cert.certId],
  ];
}

/** `<BucketCnameConfiguration><Cname><Domain>…</Domain>[<CertificateConfiguration>…]</Cname></…>` */
export function encodeCnameConfiguration(
  domain: string,
  certificate?: CertificateConfigurationInput,
): string {
  return buildXml('BucketCnameConfiguration', [
    [
      'Cname',
      [
        ['Domain', domain],
        ['CertificateConfiguration', certificate ? certificateChildren(certificate) : undefined],
      ],
    ],
  ]);
}

/** The request side read back, for tests and for servers that must accept either SDK's order. */
export interface DecodedCnameConfiguration {
  domain: string;
  certificate: CertificateConfigurationInput | undefined;
}

export function decodeCnameConfiguration(root: XmlElement): DecodedCnameConfiguration {
  const cname = firstChild(root, 'Cname');
  const certEl = firstChild(cname, 'CertificateConfiguration');
  const bool = (name: string) =>
    childText(certEl, name) === undefined ? undefined : childBool(certEl, name);
  return {
    domain: childText(cname, 'Domain') ?? '',
    certificate: certEl
      ? {
          certId: childText(certEl, 'CertId'),
          certificate: childText(certEl, 'Certificate'),
          privateKey: childText(certEl, 'PrivateKey'),
          previousCertId: childText(certEl, 'PreviousCertId'),
          force: bool('Force'),
          deleteCertificate: bool('DeleteCertificate'),
        }
      : undefined,
  };
}

export interface CnameTokenBody {
  bucket: string;
  domain: string;
  token: string;
  expireTime: ReturnType<typeof ossDate>;
}

/** `<CnameToken>` from CreateCnameToken and GetCnameToken; an empty root yields empty fields. */
export function decodeCnameToken(root: XmlElement): CnameTokenBody {
  return {
    bucket: childText(root, 'Bucket') ?? '',
    domain: childText(root, 'Cname') ?? '',
    token: childText(root, 'Token') ?? '',
    expireTime: ossDate(childText(root, 'ExpireTime')),
  };
}

function decodeCertificate(el: XmlElement | undefined): CnameCertificate | undefined {
  if (!el) return undefined;
  return {
    type: childText(el, 'Type') ?? '',
    certId: childText(el, 'CertId') ?? '',
    status: childText(el, 'Status') ?? '',
    creationDate: ossDate(childText(el, 'CreationDate')),
    fingerprint: childText(el, 'Fingerprint') ?? '',
    validStartDate: ossDate(childText(el, 'ValidStartDate')),
    validEndDate: ossDate(childText(el, 'ValidEndDate')),
  };
}

function decodeCnameInfo(el: XmlElement): CnameInfo {
  return {
    domain: childText(el, 'Domain') ?? '',
    lastModified: ossDate(childText(el, 'LastModified')),
    status: childText(el, 'Status') ?? '',
    certificate: decodeCertificate(firstChild(el, 'Certificate')),
    isWildcard: childBool(el, 'IsWildCard'),
  };
}

export interface ListCnameBody {
  bucket: string;
  owner: string;
  cnames: CnameInfo[];
}

/** `<ListCnameResult>`: `Cname` repeats directly under the root, zero or more times. */
export function decodeListCname(root: XmlElement): ListCnameBody {
  return {
    bucket: childText(root, 'Bucket') ?? '',
    owner: childText(root, 'Owner') ?? '',
    cnames: childElements(root, 'Cname').map(decodeCnameInfo),
  };
}
