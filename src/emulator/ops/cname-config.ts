// The `BucketCnameConfiguration` body of CreateCnameToken, PutCname and DeleteCname (protocol §2).

import type { XmlElement } from '../../oss/xml.ts';
import { malformedXml } from '../wire/request-errors.ts';
import { booleanChild, readXml, single } from './xml-reader.ts';

export interface CertificateInput {
  certId: string | undefined;
  certificate: string | undefined;
  privateKey: string | undefined;
  previousCertId: string | undefined;
  force: boolean | undefined;
  deleteCertificate: boolean | undefined;
}

export interface CnameConfiguration {
  /** As sent; hostname rules are checked by the operation. */
  domain: string;
  certificate: CertificateInput | undefined;
}

function text(el: XmlElement | undefined, name: string): string | undefined {
  return single(el, name)?.text;
}

function readCertificate(el: XmlElement): CertificateInput {
  const input: CertificateInput = {
    certId: text(el, 'CertId'),
    certificate: text(el, 'Certificate'),
    privateKey: text(el, 'PrivateKey'),
    previousCertId: text(el, 'PreviousCertId'),
    force: booleanChild(el, 'Force'),
    deleteCertificate: booleanChild(el, 'DeleteCertificate'),
  };
  // Unbinding and forcing a replacement contradict each other, whatever Force's value (§2.4).
  if (input.deleteCertificate !== undefined && input.force !== undefined) throw malformedXml();
  return input;
}

export function readCnameConfiguration(body: Buffer): CnameConfiguration {
  const root = readXml(body, 'BucketCnameConfiguration');
  const cname = single(root, 'Cname');
  const domain = text(cname, 'Domain');
  if (cname === undefined || domain === undefined) throw malformedXml();
  const certEl = single(cname, 'CertificateConfiguration');
  return { domain, certificate: certEl ? readCertificate(certEl) : undefined };
}
