// Bindings of domains to a bucket: read, list, bind or change the certificate, unbind. Every change is
// decided from the state just read with ListCname, so callers get honest 200/201/412 answers and OSS is
// not called when nothing would change.
import { readOssFailure } from '../errors/oss-error-shape.ts';
import { ProblemError } from '../errors/problem.ts';
import type { CnameInfo } from '../oss/types.ts';
import type { BindingView, ListQueryInput, PutBindingInput } from '../schemas/cname.ts';
import { bindingView } from './binding-view.ts';
import { requestedCertificate } from './certificate-input.ts';
import { type Page, pageOf } from './list-page.ts';
import type { OssGateway } from './oss-gateway.ts';
import { checkPreconditions, type Preconditions } from './preconditions.ts';
import { planPut } from './put-plan.ts';
import { ownershipRecord } from './token-view.ts';

export interface BindingServiceOptions {
  /** Clock for certificate validity checks. */
  now?: (() => Date) | undefined;
  /** Completes bare numeric certIds (see src/certs). */
  defaultCertRegion?: string | undefined;
}

export interface PutOutcome {
  created: boolean;
  /** False when the binding already was as asked, and OSS was not called. */
  changed: boolean;
  binding: BindingView;
}

export class BindingService {
  readonly #gateway: OssGateway;
  readonly #now: () => Date;
  readonly #defaultCertRegion: string | undefined;

  constructor(gateway: OssGateway, options: BindingServiceOptions = {}) {
    this.#gateway = gateway;
    this.#now = options.now ?? (() => new Date());
    this.#defaultCertRegion = options.defaultCertRegion;
  }

  get(bucket: string, domain: string): Promise<BindingView> {
    return this.#gateway.run({ bucket, domain }, async (region) => {
      const current = await this.#find(bucket, domain, region);
      if (!current) throw notBound(bucket, domain);
      return bindingView(bucket, region, current);
    });
  }

  list(bucket: string, query: ListQueryInput, visible: (domain: string) => boolean): Promise<Page> {
    return this.#gateway.run({ bucket }, async (region) => {
      const all = (await this.#list(bucket, region))
        .map((info) => bindingView(bucket, region, info))
        .filter((binding) => visible(binding.domain));
      return pageOf(all, query);
    });
  }

  put(bucket: string, domain: string, input: PutBindingInput, pre: Preconditions): Promise<PutOutcome> {
    // Certificate material is judged before OSS is asked anything.
    const certificate = requestedCertificate(input.certificate, {
      domain,
      now: this.#now(),
      defaultCertRegion: this.#defaultCertRegion,
    });
    return this.#gateway.run({ bucket, domain }, async (region) => {
      const current = await this.#find(bucket, domain, region);
      checkPreconditions(domain, current, pre);
      const plan = planPut(current, { certificate, force: input.force === true });
      if (!plan.call)
        return { created: false, changed: false, binding: bindingView(bucket, region, plan.current) };
      try {
        await this.#gateway.oss.putCname({ bucket, domain, certificate: plan.certificate }, { region });
      } catch (error) {
        throw await this.#withOwnershipRecord(error, bucket, domain, region);
      }
      const after = await this.#find(bucket, domain, region);
      if (!after) throw vanished(domain);
      return { created: plan.created, changed: true, binding: bindingView(bucket, region, after) };
    });
  }

  /** Idempotent: unbinding a domain that is not bound succeeds. */
  remove(bucket: string, domain: string, pre: Preconditions): Promise<void> {
    return this.#gateway.run({ bucket, domain }, async (region) => {
      if (pre.ifMatch !== undefined || pre.ifNoneMatch !== undefined) {
        checkPreconditions(domain, await this.#find(bucket, domain, region), pre);
      }
      try {
        await this.#gateway.oss.deleteCname({ bucket, domain }, { region });
      } catch (error) {
        if (readOssFailure(error)?.code !== 'NoSuchCname') throw error;
      }
    });
  }

  /** Idempotent: a binding without certificate is left alone. */
  removeCertificate(bucket: string, domain: string, pre: Preconditions): Promise<void> {
    return this.#gateway.run({ bucket, domain }, async (region) => {
      const current = await this.#find(bucket, domain, region);
      if (!current) throw notBound(bucket, domain);
      checkPreconditions(domain, current, pre);
      if (!current.certificate) return;
      // DeleteCertificate never travels with Force: OSS answers that combination MalformedXML.
      await this.#gateway.oss.putCname(
        { bucket, domain, certificate: { deleteCertificate: true } },
        { region },
      );
    });
  }

  async #find(bucket: string, domain: string, region: string): Promise<CnameInfo | undefined> {
    const all = await this.#list(bucket, region);
    return all.find((info) => info.domain.toLowerCase() === domain && !info.isWildcard);
  }

  async #list(bucket: string, region: string): Promise<CnameInfo[]> {
    try {
      return (await this.#gateway.oss.listCname({ bucket }, { region })).cnames;
    } catch (error) {
      // Older OSS answers an empty bucket with 404 NoSuchCname instead of an empty list.
      if (readOssFailure(error)?.code === 'NoSuchCname') return [];
      throw error;
    }
  }

  /** NeedVerifyDomainOwnership becomes a problem that carries the TXT record still to publish. */
  async #withOwnershipRecord(
    error: unknown,
    bucket: string,
    domain: string,
    region: string,
  ): Promise<unknown> {
    if (readOssFailure(error)?.code !== 'NeedVerifyDomainOwnership') return error;
    const problem = this.#gateway.problem(error, { bucket, domain, region });
    if (!(problem instanceof ProblemError)) return problem;
    let token: string | undefined;
    try {
      token = (await this.#gateway.oss.getCnameToken({ bucket, domain }, { region })).token;
    } catch {
      token = undefined;
    }
    return new ProblemError({
      status: problem.status,
      code: problem.code,
      title: problem.title,
      detail: token
        ? problem.detail
        : `OSS needs proof that you own ${domain}, and no valid token exists: create one with POST /buckets/${bucket}/cname-tokens, publish its TXT record, then retry.`,
      headers: problem.headers,
      cause: error,
      extensions: { ...problem.extensions, dnsRecord: token ? ownershipRecord(domain, token) : null },
    });
  }
}

function notBound(bucket: string, domain: string): ProblemError {
  return new ProblemError({
    status: 404,
    code: 'cname-not-found',
    title: 'Domain not bound',
    detail: `${domain} is not bound to bucket "${bucket}"; bind it with PUT /buckets/${bucket}/cnames/${domain}.`,
  });
}

function vanished(domain: string): ProblemError {
  return new ProblemError({
    status: 502,
    code: 'upstream-inconsistent',
    title: 'OSS did not show the change',
    detail: `OSS accepted the change but does not list ${domain} afterwards; read the binding again before retrying.`,
  });
}
