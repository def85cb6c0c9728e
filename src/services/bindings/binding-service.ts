// Bindings of domains to a bucket: read, list, bind or change the certificate, unbind. Every change is
// decided from the state just read with ListCname, so callers get honest 200/201/412 answers and OSS is
// not called when nothing would change. A dry run takes the same path up to the write and returns what
// it would have sent instead.

import { notBound, vanished } from '../../errors/binding-problems.ts';
import { findBinding } from '../../oss/index.ts';
import type { BindingView, ListQueryInput, PutBindingInput } from '../../schemas/cname.ts';
import type { DryRunView } from '../../schemas/dry-run.ts';
import { type AccountBindings, type OssAccess, putCnameInput } from '../oss-access/index.ts';
import type { WriteContext } from '../write-context.ts';
import { bindingView } from './binding-view.ts';
import { type RequestedCertificate, requestedCertificate } from './certificate-input.ts';
import { DomainLock } from './domain-lock.ts';
import { dryBindRefusal } from './dry-run-refusal.ts';
import { dryRunAnswer, putCnamePreview, simpleCallPreview } from './dry-run-view.ts';
import { type Page, pageOf } from './list-page.ts';
import type { OwnershipGate } from './ownership-gate.ts';
import { checkPreconditions, checkReadBack, type Preconditions } from './preconditions.ts';
import { putFailure } from './put-failure.ts';
import { planPut } from './put-plan.ts';

export interface BindingServiceOptions {
  /** Clock for certificate validity checks. */
  now?: (() => Date) | undefined;
  /** Completes bare numeric certIds (see src/certs). */
  defaultCertRegion?: string | undefined;
  /** Told when a domain got bound or unbound: its ownership token stops counting (issue 19, F7). */
  shares?: { release(bucket: string, domain: string): Promise<void> } | undefined;
}

/** An answer and how long ago OSS was asked for what it rests on. */
export interface Aged<T> {
  value: T;
  ageMs: number;
}

export interface PutOutcome {
  created: boolean;
  /** False when the binding already was as asked, and OSS was not called. */
  changed: boolean;
  binding: BindingView;
}

/** What a removal (of the binding, or of its certificate) is given. */
type RemoveArgs = [bucket: string, domain: string, pre: Preconditions, ctx: WriteContext];
type PutArgs = [
  bucket: string,
  domain: string,
  input: PutBindingInput,
  pre: Preconditions,
  ctx: WriteContext,
];

export class BindingService {
  readonly #oss: OssAccess;
  readonly #gate: OwnershipGate;
  readonly #accounts: AccountBindings;
  readonly #now: () => Date;
  readonly #defaultCertRegion: string | undefined;
  readonly #shares: BindingServiceOptions['shares'];
  readonly #lock = new DomainLock();

  constructor(
    oss: OssAccess,
    gate: OwnershipGate,
    accounts: AccountBindings,
    options: BindingServiceOptions = {},
  ) {
    this.#oss = oss;
    this.#gate = gate;
    this.#accounts = accounts;
    this.#now = options.now ?? (() => new Date());
    this.#defaultCertRegion = options.defaultCertRegion;
    this.#shares = options.shares;
  }

  /** Plain reads may be answered from a recent listing; `ageMs` says how old (the Age header). */
  async get(bucket: string, domain: string): Promise<Aged<BindingView>> {
    const oss = this.#oss.bucket(bucket);
    const { binding: current, ageMs } = await oss.recentBinding(domain);
    if (!current) throw notBound(bucket, domain);
    return { value: bindingView(bucket, await oss.region(domain), current), ageMs };
  }

  async list(
    bucket: string,
    query: ListQueryInput,
    visible: (domain: string) => boolean,
  ): Promise<Aged<Page>> {
    const oss = this.#oss.bucket(bucket);
    const { cnames, ageMs } = await oss.recentBindings();
    const region = await oss.region();
    const all = cnames.map((info) => bindingView(bucket, region, info)).filter((b) => visible(b.domain));
    return { value: pageOf(all, query), ageMs };
  }

  /** PUTs to one domain run one after another in this process (domain-lock.ts says why). */
  put(...args: PutArgs): Promise<PutOutcome | DryRunView> {
    const [bucket, domain, input, pre] = args;
    return this.#lock.run(`${bucket}/${domain}`, async () => {
      // Certificate material is judged before OSS (or DNS) is asked anything.
      const certificate = requestedCertificate(input.certificate, {
        domain,
        now: this.#now(),
        defaultCertRegion: this.#defaultCertRegion,
      });
      // A remembered token means this process handed it out and has not bound the domain since: the gate
      // most likely runs, so its DNS lookups start now, alongside the ListCname it waits for. Not with
      // If-Match, which only an existing binding can meet.
      const warming =
        pre.ifMatch === undefined ? this.#gate.warm(this.#oss.bucket(bucket), bucket, domain) : undefined;
      try {
        return await this.#put(certificate, ...args);
      } finally {
        warming?.abort();
      }
    });
  }

  async #put(
    certificate: RequestedCertificate | undefined,
    ...[bucket, domain, input, pre, ctx]: PutArgs
  ): Promise<PutOutcome | DryRunView> {
    const oss = this.#oss.bucket(bucket);
    // From OSS, never the recent-answers cache: a write another replica made within CNAME_CACHE_MS would
    // turn this answer (201/200, 412, PutCname skipped) wrong (docs/api.md#what-a-bind-asks-oss).
    const all = await oss.bindings(domain);
    const region = await oss.region(domain);
    const current = findBinding(all, domain);
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
          oss,
          bucket,
          domain,
          region,
          bucketDomains: all.map((info) => info.domain),
          canSeeBucket: ctx.canSeeBucket,
          canSeeDomain: ctx.canSeeDomain,
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
      await oss.bind(domain, plan.certificate);
    } catch (error) {
      throw await putFailure(error, {
        oss,
        accounts: this.#accounts,
        bucket,
        domain,
        canSeeBucket: ctx.canSeeBucket,
        gate,
      });
    }
    // Read back even without a certificate: PutCname answers with an empty body, and the answer shows the
    // binding as OSS lists it (its LastModified), as the next GET does. A certificate's id and dates, and
    // a rival writer, show only here.
    const after = await oss.binding(domain);
    if (!after) throw vanished(domain);
    checkReadBack(domain, after, plan.certificate?.deleteCertificate ? undefined : certificate);
    const binding = withWarnings(bindingView(bucket, await oss.region(domain), after), certificate);
    if (gate?.report) binding.preflight = gate.report;
    if (plan.created) await this.#release(bucket, domain);
    return { created: plan.created, changed: true, binding };
  }

  /** Idempotent: unbinding a domain that is not bound succeeds. */
  async remove(...[bucket, domain, pre, ctx]: RemoveArgs): Promise<DryRunView | undefined> {
    const oss = this.#oss.bucket(bucket);
    const needsRead = pre.ifMatch !== undefined || pre.ifNoneMatch !== undefined || ctx.dryRun;
    if (needsRead || ctx.requireCertWrite) {
      const current = await oss.binding(domain);
      // The certificate goes with the domain: a key that may not remove it may not unbind it either.
      if (current?.certificate) ctx.requireCertWrite?.();
      const region = await oss.region(domain);
      checkPreconditions(domain, current, pre);
      if (ctx.dryRun) {
        const wouldCall = [simpleCallPreview('DeleteCname', bucket, domain, region)];
        const subject = { bucket, domain, region, current };
        return current
          ? dryRunAnswer(subject, 'unbind', 204, `DeleteCname would unbind ${domain}.`, { wouldCall })
          : dryRunAnswer(subject, 'none', 204, `${domain} is not bound here; DeleteCname changes nothing.`, {
              wouldCall,
            });
      }
    }
    await oss.unbind(domain);
    await this.#release(bucket, domain);
    return undefined;
  }

  /** The write is done in OSS: a count that could not be updated must not turn it into a failure (a key
   *  at its share drops bound domains' tokens itself, and the rest expire). */
  async #release(bucket: string, domain: string): Promise<void> {
    await this.#shares?.release(bucket, domain).catch(() => undefined);
  }

  /** Idempotent: a binding without certificate is left alone. */
  async removeCertificate(...[bucket, domain, pre, ctx]: RemoveArgs): Promise<DryRunView | undefined> {
    const oss = this.#oss.bucket(bucket);
    const current = await oss.binding(domain);
    if (!current) throw notBound(bucket, domain);
    const region = await oss.region(domain);
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
    await oss.bind(domain, config);
    return undefined;
  }
}

function withWarnings(binding: BindingView, certificate: RequestedCertificate | undefined): BindingView {
  if (certificate === undefined) return binding;
  return { ...binding, certificateWarnings: certificate.warnings };
}
