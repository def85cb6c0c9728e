// PutCname (protocol §2.4, §7): binds a domain to the bucket after DNS ownership verification, or, on a
// domain already bound to this bucket, adds, replaces or removes its certificate.

import { type BindingRecord, type CertificateRecord, MAX_DOMAINS_PER_BUCKET } from '../state/model.ts';
import { invalidArgument } from '../wire/request-errors.ts';
import { attachesCertificate, resolveCertificate } from './certificate.ts';
import { type CertificateInput, readCnameConfiguration } from './cname-config.ts';
import type { BucketContext, OpResult } from './context.ts';
import { cnameErrors } from './errors.ts';
import { coveredBy, isReservedDomain, normalizeDomain } from './hostname.ts';
import { ownershipVerified } from './ownership.ts';

/**
 * The certificate after this request: unchanged, removed, or a new one. Replacing a bound certificate
 * needs Force=true or PreviousCertId naming the bound one.
 */
function nextCertificate(
  ctx: BucketContext,
  current: CertificateRecord | undefined,
  input: CertificateInput | undefined,
): CertificateRecord | undefined {
  if (input === undefined) return current;
  if (input.deleteCertificate === true) return undefined;
  if (!attachesCertificate(input)) return current;
  if (current !== undefined && input.force !== true && input.previousCertId !== current.certId) {
    throw invalidArgument(
      'PreviousCertId',
      input.previousCertId ?? '',
      `A certificate is bound to this domain; send Force=true or PreviousCertId=${current.certId} to replace it.`,
      '0018-00000209',
    );
  }
  return resolveCertificate(ctx.state, input, {
    owner: ctx.bucket.owner,
    region: ctx.bucket.region,
    now: ctx.now,
  });
}

function checkDomainPolicy(ctx: BucketContext, domain: string): void {
  if (isReservedDomain(domain)) throw cnameErrors.forbidden(domain);
  if (coveredBy(domain, ctx.riskyDomains)) throw cnameErrors.risk(domain);
}

async function checkNewBinding(ctx: BucketContext, domain: string): Promise<void> {
  const { state, bucket } = ctx;
  if (state.bindingsOf(bucket.name).length >= MAX_DOMAINS_PER_BUCKET)
    throw cnameErrors.tooManyDomains(bucket.name);
  const icp = ctx.icp;
  if (icp?.regions.includes(bucket.region) && !coveredBy(domain, icp.filedDomains)) {
    throw cnameErrors.noIcpRecord(domain);
  }
  const token = state.token(bucket.name, domain);
  if (!token || !(await ownershipVerified(ctx.txtLookup, domain, token.token))) {
    throw cnameErrors.needVerifyOwnership(bucket.name, domain);
  }
}

export async function putCname(ctx: BucketContext): Promise<OpResult> {
  const { state, bucket } = ctx;
  const config = readCnameConfiguration(ctx.request.body);
  const domain = normalizeDomain(config.domain);
  checkDomainPolicy(ctx, domain);

  const existing = state.binding(domain);
  if (existing && existing.owner !== bucket.owner) throw cnameErrors.denied(domain);
  if (existing && existing.bucket !== bucket.name) throw cnameErrors.alreadyExists(domain);
  if (!existing) await checkNewBinding(ctx, domain);

  // The DNS lookup yielded: another request may have bound the domain meanwhile.
  const current = state.binding(domain);
  if (current && current.bucket !== bucket.name) {
    throw current.owner === bucket.owner ? cnameErrors.alreadyExists(domain) : cnameErrors.denied(domain);
  }
  const certificate = nextCertificate(ctx, current?.certificate, config.certificate);
  if (current && certificate === current.certificate) return { status: 200 };
  const binding: BindingRecord = {
    domain,
    bucket: bucket.name,
    owner: bucket.owner,
    lastModified: ctx.now,
    status: 'Enabled',
    certificate,
  };
  state.putBinding(binding);
  return { status: 200 };
}
