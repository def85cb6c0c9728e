// Bindings of domains to a bucket: read, list, bind or change the certificate, unbind. Every change is
// decided from the state just read with ListCname, so callers get honest 200/201/412 answers and OSS is
// not called when nothing would change. A dry run takes the same path up to the write and returns what
// it would have sent instead.

import { notBound, vanished } from '../errors/binding-problems.ts';
import { readOssFailure } from '../errors/oss-error-shape.ts';
import type { CnameInfo } from '../oss/types.ts';
import type { BindingView, ListQueryInput, PutBindingInput } from '../schemas/cname.ts';
import type { DryRunView } from '../schemas/dry-run.ts';
import type { AccountBindings } from './account-bindings.ts';
import { bindingView } from './binding-view.ts';
import { bindingOf, listBindings } from './bucket-bindings.ts';
import { type RequestedCertificate, requestedCertificate } from './certificate-input.ts';
import { dryBindRefusal } from './dry-run-refusal.ts';
import { dryRunAnswer, putCnamePreview, simpleCallPreview } from './dry-run-view.ts';
import { type Page, pageOf } from './list-page.ts';
import type { OssGateway } from './oss-gateway.ts';
import type { OwnershipGate } from './ownership-gate.ts';
import { checkPreconditions, type Preconditions } from './preconditions.ts';
import { putCnameInput } from './put-cname-input.ts';
import { putFailure } from './put-failure.ts';
import { planPut } from './put-plan.ts';
import type { WriteContext } from './write-context.ts';

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
  readonly #gate: OwnershipGate;
  readonly #accounts: AccountBindings;
  readonly #now: () => Date;
  readonly #defaultCertRegion: string | undefined;

  constructor(
    gateway: OssGateway,
    gate: OwnershipGate,
    accounts: AccountBindings,
    options: BindingServiceOptions = {},
  ) {
    this.#gateway = gateway;
    this.#gate = gate;
    this.#accounts = accounts;
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
      const all = (await listBindings(this.#gateway.oss, bucket, region))
        .map((info) => bindingView(bucket, region, info))
        .filter((binding) => visible(binding.domain));
      return pageOf(all, query);
    });
  }

  put(
    bucket: string,
    domain: string,
    input: PutBindingInput,
    pre: Preconditions,
    ctx: WriteContext,
  ): Promise<PutOutcome | DryRunView> {
    // Certificate material is judged before OSS is asked anything.
    const certificate = requestedCertificate(input.certificate, {
      domain,
      now: this.#now(),
      defaultCertRegion: this.#defaultCertRegion,
    });
    return this.#gateway.run({ bucket, domain }, async (region) => {
      const all = await listBindings(this.#gateway.oss, bucket, region);
      const current = bindingOf(all, domain);
      checkPreconditions(domain, current, pre);
      const plan = planPut(current, { certificate, force: input.force === true });
      const subject = { bucket, domain, region, current, certificate };
      if (!plan.call) {
        if (ctx.dryRun) return dryRunAnswer(subject, 'none', 200, 'The binding already is as asked.');
        const binding = bindingView(bucket, region, plan.current);
        return { created: false, changed: false, binding: withWarnings(binding, certificate) };
      }
      // A domain new to the bucket must pass the ownership gate; a certificate change needs no DNS.
      const gate = current
        ? undefined
        : await this.#gate.check({
            bucket,
            domain,
            region,
            bucketDomains: all.map((info) => info.domain),
            canSeeBucket: ctx.canSeeBucket,
          });
      if (ctx.dryRun) {
        const refusal = plan.created
          ? await dryBindRefusal(this.#accounts, {
              bucket,
              domain,
              region,
              bound: all.length,
              gate,
              canSeeBucket: ctx.canSeeBucket,
            })
          : undefined;
        if (refusal) throw refusal;
        const request = putCnameInput(bucket, domain, plan.certificate);
        const wouldCall = [putCnamePreview(request, region, certificate)];
        const [action, status, summary] = plan.created
          ? (['bind', 201, `PutCname would bind ${domain} to "${bucket}".`] as const)
          : (['change-certificate', 200, `PutCname would change the certificate of ${domain}.`] as const);
        return dryRunAnswer(subject, action, status, summary, { wouldCall, preflight: gate?.report });
      }
      try {
        await this.#gateway.putCname(bucket, domain, plan.certificate, region);
      } catch (error) {
        throw await putFailure(error, {
          gateway: this.#gateway,
          accounts: this.#accounts,
          bucket,
          domain,
          region,
          canSeeBucket: ctx.canSeeBucket,
          gate,
        });
      }
      const after = await this.#find(bucket, domain, region);
      if (!after) throw vanished(domain);
      const binding = withWarnings(bindingView(bucket, region, after), certificate);
      if (gate?.report) binding.preflight = gate.report;
      return { created: plan.created, changed: true, binding };
    });
  }

  /** Idempotent: unbinding a domain that is not bound succeeds. */
  remove(
    bucket: string,
    domain: string,
    pre: Preconditions,
    ctx: WriteContext,
  ): Promise<DryRunView | undefined> {
    return this.#gateway.run({ bucket, domain }, async (region) => {
      if (pre.ifMatch !== undefined || pre.ifNoneMatch !== undefined || ctx.dryRun) {
        const current = await this.#find(bucket, domain, region);
        checkPreconditions(domain, current, pre);
        if (ctx.dryRun) {
          const wouldCall = [simpleCallPreview('DeleteCname', bucket, domain, region)];
          const subject = { bucket, domain, region, current };
          return current
            ? dryRunAnswer(subject, 'unbind', 204, `DeleteCname would unbind ${domain}.`, { wouldCall })
            : dryRunAnswer(
                subject,
                'none',
                204,
                `${domain} is not bound here; DeleteCname changes nothing.`,
                {
                  wouldCall,
                },
              );
        }
      }
      try {
        await this.#gateway.oss.deleteCname({ bucket, domain }, { region });
      } catch (error) {
        if (readOssFailure(error)?.code !== 'NoSuchCname') throw error;
      }
      return undefined;
    });
  }

  /** Idempotent: a binding without certificate is left alone. */
  removeCertificate(
    bucket: string,
    domain: string,
    pre: Preconditions,
    ctx: WriteContext,
  ): Promise<DryRunView | undefined> {
    return this.#gateway.run({ bucket, domain }, async (region) => {
      const current = await this.#find(bucket, domain, region);
      if (!current) throw notBound(bucket, domain);
      checkPreconditions(domain, current, pre);
      const subject = { bucket, domain, region, current };
      if (!current.certificate) {
        return ctx.dryRun ? dryRunAnswer(subject, 'none', 204, `${domain} has no certificate.`) : undefined;
      }
      const config = { deleteCertificate: true };
      if (ctx.dryRun) {
        const wouldCall = [putCnamePreview(putCnameInput(bucket, domain, config), region, undefined)];
        const summary = `PutCname would remove the certificate of ${domain}; it stays bound.`;
        return dryRunAnswer(subject, 'remove-certificate', 204, summary, { wouldCall });
      }
      await this.#gateway.putCname(bucket, domain, config, region);
      return undefined;
    });
  }

  #find(bucket: string, domain: string, region: string): Promise<CnameInfo | undefined> {
    return listBindings(this.#gateway.oss, bucket, region).then((all) => bindingOf(all, domain));
  }
}

function withWarnings(binding: BindingView, certificate: RequestedCertificate | undefined): BindingView {
  if (certificate === undefined) return binding;
  return { ...binding, certificateWarnings: certificate.warnings };
}
