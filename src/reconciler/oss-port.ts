// The reconciler's one door to OSS: a narrow interface over the services' OSS gateway (region lookup,
// OSS failures as problems). Each call is safe to repeat: PutCname is skipped when the binding already
// is as wanted, DeleteCname accepts a domain that is not bound. Re-point this file, nothing else, when
// the services move.
import type { BoundCertificate } from '../domains/index.ts';
import { readOssFailure } from '../errors/oss-error-shape.ts';
import type { CertificateConfigurationInput, CnameApi, CnameInfo } from '../oss/types.ts';
import { OssGateway, type RegionResolver } from '../services/index.ts';

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
  /** Binds the domain (with a certificate when given) unless it already is; answers what is bound. */
  putCname(bucket: string, domain: string, attach?: AttachCertificate): Promise<BoundCertificate | null>;
  observeBinding(bucket: string, domain: string): Promise<BindingAtOss>;
  deleteCname(bucket: string, domain: string): Promise<void>;
}

function certificateOf(info: CnameInfo | undefined): BoundCertificate | null {
  if (info?.certificate === undefined) return null;
  return { certId: info.certificate.certId, fingerprint: info.certificate.fingerprint };
}

export function createOssPort(oss: CnameApi, regions: RegionResolver): OssPort {
  const gateway = new OssGateway(oss, regions);
  const find = async (bucket: string, domain: string, region: string) => {
    try {
      const { cnames } = await oss.listCname({ bucket }, { region });
      return cnames.find((c) => c.domain.toLowerCase() === domain && !c.isWildcard);
    } catch (error) {
      if (readOssFailure(error)?.code === 'NoSuchCname') return undefined;
      throw error;
    }
  };
  return {
    cnameTarget: (bucket) =>
      gateway.run({ bucket }, async (region) => `${bucket}.oss-${region}.aliyuncs.com`),
    ensureToken: (bucket, domain) =>
      gateway.run({ bucket, domain }, async (region) => {
        const t = await oss.createCnameToken({ bucket, domain }, { region });
        return { token: t.token, expiresAt: t.expireTime.iso ? new Date(t.expireTime.iso) : null };
      }),
    putCname: (bucket, domain, attach) =>
      gateway.run({ bucket, domain }, async (region) => {
        const before = await find(bucket, domain, region);
        // A pass that died after its PutCname finds the binding made: nothing is sent twice.
        if (before !== undefined && attach === undefined) return certificateOf(before);
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
        await gateway.putCname(bucket, domain, certificate, region);
        return certificateOf(await find(bucket, domain, region));
      }),
    observeBinding: (bucket, domain) =>
      gateway.run({ bucket, domain }, async (region) => {
        const info = await find(bucket, domain, region);
        return { present: info !== undefined, certificate: certificateOf(info) };
      }),
    deleteCname: (bucket, domain) =>
      gateway.run({ bucket, domain }, async (region) => {
        try {
          await oss.deleteCname({ bucket, domain }, { region });
        } catch (error) {
          if (readOssFailure(error)?.code !== 'NoSuchCname') throw error;
        }
      }),
  };
}
