// The reconciler's one door to OSS: a narrow interface over the services' bucket-scoped handle (region
// lookup and wrong-endpoint retry, OSS failures as problems). Each call is safe to repeat: PutCname is
// skipped when the binding already is as wanted (the ListCname before it is why a pass repeated after a
// crash sends no second PutCname), DeleteCname accepts a domain that is not bound.
import type { BoundCertificate } from '../domains/index.ts';
import type { CertificateConfigurationInput, CnameInfo } from '../oss/types.ts';
import { putLanded } from '../resilience/index.ts';
import type { OssAccess } from '../services/index.ts';

export interface TokenAtOss {
  token: string;
  expiresAt: Date | null;
}

export interface BindingAtOss {
  present: boolean;
  certificate: BoundCertificate | null;
}

export interface AttachCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

export interface OssPort {
  /** `<bucket>.oss-<region>.aliyuncs.com`; fails with bucket-not-found for an unknown bucket. */
  cnameTarget(bucket: string): Promise<string>;
  /** The token OSS holds (the still-valid one comes back unchanged, else a new one). */
  ensureToken(bucket: string, domain: string): Promise<TokenAtOss>;
  /**
   * Binds the domain (with a certificate when given) unless it already is; answers what is bound.
   * `beforeWrite` runs between the read and PutCname (the reconciler's lease check) and may throw.
   */
  putCname(
    bucket: string,
    domain: string,
    attach?: AttachCertificate,
    beforeWrite?: () => Promise<void>,
  ): Promise<BoundCertificate | null>;
  observeBinding(bucket: string, domain: string): Promise<BindingAtOss>;
  deleteCname(bucket: string, domain: string): Promise<void>;
}

function certificateOf(info: CnameInfo | undefined): BoundCertificate | null {
  if (info?.certificate === undefined) return null;
  return { certId: info.certificate.certId, fingerprint: info.certificate.fingerprint };
}

export function createOssPort(access: OssAccess): OssPort {
  return {
    cnameTarget: async (bucket) => `${bucket}.oss-${await access.bucket(bucket).region()}.aliyuncs.com`,
    ensureToken: async (bucket, domain) => {
      const t = await access.bucket(bucket).createToken(domain);
      return { token: t.token, expiresAt: t.expireTime.iso ? new Date(t.expireTime.iso) : null };
    },
    putCname: async (bucket, domain, attach, beforeWrite) => {
      const oss = access.bucket(bucket);
      const before = await oss.binding(domain);
      let certificate: CertificateConfigurationInput | undefined;
      if (attach !== undefined) {
        // The certificate just read is the one replaced (PreviousCertId): never one we did not see.
        const previous = before?.certificate?.certId ?? null;
        certificate = {
          certificate: attach.certificatePem,
          privateKey: attach.privateKeyPem,
          ...(previous === null ? { force: true } : { previousCertId: previous }),
        };
      }
      // A pass that died after its PutCname finds the binding as asked (bound, with this certificate if
      // one is attached): nothing is sent twice. The same judgement the settle layer makes.
      if (putLanded({ bucket, domain, certificate }, before)) return certificateOf(before);
      await beforeWrite?.();
      await oss.bind(domain, certificate);
      // Bound without certificate config, the domain has none: no ListCname to learn that. An attached
      // one is read back for the id OSS gave it.
      return certificate === undefined ? null : certificateOf(await oss.binding(domain));
    },
    observeBinding: async (bucket, domain) => {
      const info = await access.bucket(bucket).binding(domain);
      return { present: info !== undefined, certificate: certificateOf(info) };
    },
    deleteCname: async (bucket, domain) => {
      await access.bucket(bucket).unbind(domain);
    },
  };
}
