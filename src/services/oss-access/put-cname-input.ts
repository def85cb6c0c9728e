// The one place a PutCname request is assembled. Whatever plan produced the certificate flags, nothing
// leaves here that OSS rejects (DeleteCertificate with Force: MalformedXML) or that would overwrite a
// bound certificate blindly (a certificate sent with neither PreviousCertId nor Force). Breaking either
// rule is a bug in the service, so it fails loudly instead of reaching OSS.
import type { CertificateConfigurationInput, PutCnameInput } from '../../oss/index.ts';

export class UnsafeCertificateFlagsError extends Error {
  constructor(message: string) {
    super(`refusing to send PutCname: ${message}`);
    this.name = 'UnsafeCertificateFlagsError';
  }
}

export function putCnameInput(
  bucket: string,
  domain: string,
  certificate: CertificateConfigurationInput | undefined,
): PutCnameInput {
  if (certificate !== undefined) checkCertificateFlags(certificate);
  return certificate === undefined ? { bucket, domain } : { bucket, domain, certificate };
}

export function checkCertificateFlags(config: CertificateConfigurationInput): void {
  const attaches = config.certId !== undefined || config.certificate !== undefined;
  if (config.deleteCertificate !== undefined) {
    if (config.force !== undefined) {
      throw new UnsafeCertificateFlagsError('DeleteCertificate never travels with Force (OSS: MalformedXML)');
    }
    if (attaches || config.previousCertId !== undefined || config.privateKey !== undefined) {
      throw new UnsafeCertificateFlagsError('DeleteCertificate travels alone');
    }
    if (config.deleteCertificate !== true)
      throw new UnsafeCertificateFlagsError('DeleteCertificate=false means nothing');
    return;
  }
  if (!attaches) throw new UnsafeCertificateFlagsError('a CertificateConfiguration without certificate');
  if (config.certId !== undefined && config.certificate !== undefined) {
    throw new UnsafeCertificateFlagsError('send CertId or an uploaded certificate, not both');
  }
  if ((config.certificate === undefined) !== (config.privateKey === undefined)) {
    throw new UnsafeCertificateFlagsError('an uploaded certificate needs its private key, and only then');
  }
  if (config.force !== true && !config.previousCertId) {
    throw new UnsafeCertificateFlagsError('a certificate change needs PreviousCertId or Force=true');
  }
  if (config.force === false) throw new UnsafeCertificateFlagsError('Force is sent as true or not at all');
}
