// The DNS pre-flight run before binding a custom domain: finds the domain's zone and name servers,
// then checks the ownership TXT record, the CNAME and what stands in its way. Lookups are cached and
// time-limited; unreachable servers show up as `pending` checks, never as exceptions.

import { withSpan } from '../telemetry/index.ts';
import { normalizeName } from './names.ts';
import { checkAcmeChallenge } from './preflight/acme-challenge.ts';
import { checkAddressConflict } from './preflight/address-conflict.ts';
import { checkCnameChain } from './preflight/cname-chain.ts';
import { resolveAddresses, walkCnameChain } from './preflight/cname-chain-walk.ts';
import { checkCnameTarget } from './preflight/cname-target.ts';
import { checkDoubledSuffix } from './preflight/doubled-suffix.ts';
import type { Lookup } from './preflight/lookup.ts';
import { DnsLookupCache } from './preflight/lookup-cache.ts';
import { checkOwnershipTxt } from './preflight/ownership-txt.ts';
import { createLookup } from './preflight/shared-lookup.ts';
import { effectiveResolvers } from './preflight/system-resolvers.ts';
import type { PreflightCheck, PreflightInput, PreflightOptions, PreflightReport } from './preflight/types.ts';
import { retryAfterSeconds, verdictOf } from './preflight/verdict.ts';
import { discoverZone } from './preflight/zone.ts';

export { DnsLookupCache } from './preflight/lookup-cache.ts';
export { effectiveResolvers, systemResolvers } from './preflight/system-resolvers.ts';
export * from './preflight/types.ts';

const PREFLIGHT_DEFAULTS = { authoritativePort: 53, timeoutMs: 2000, cacheTtlMs: 30_000 } as const;

/** A run abandoned through `signal` stops its queries at once: its checks come back pending. */
export type DnsPreflight = ((input: PreflightInput, signal?: AbortSignal) => Promise<PreflightReport>) & {
  /**
   * Makes a run's lookups for this domain without a report (no token or listing needed), so that a run
   * started soon after finds them cached or shares them in flight.
   */
  warm(input: Pick<PreflightInput, 'domain' | 'cnameTarget'>, signal?: AbortSignal): Promise<void>;
};

/** Any token makes the TXT lookups happen; which one only matters for the verdict, which warm() drops. */
const WARM_TOKEN = 'warm-up';

/** The cached, time-limited lookup of a pre-flight: the caller's cache, or one of its own. */
function lookupOf(options: PreflightOptions) {
  const cache =
    options.cache ??
    new DnsLookupCache({
      maxTtlMs: options.cacheTtlMs ?? PREFLIGHT_DEFAULTS.cacheTtlMs,
      now: options.now ?? Date.now,
    });
  return createLookup(
    cache,
    options.timeoutMs ?? PREFLIGHT_DEFAULTS.timeoutMs,
    options.onLookupFailure,
    options.gate,
  );
}

/** A pre-flight bound to its options and one cache, for services that run it on every bind. */
export function createDnsPreflight(options: PreflightOptions = {}): DnsPreflight {
  const shared = lookupOf(options);
  const authoritativePort = options.authoritativePort ?? PREFLIGHT_DEFAULTS.authoritativePort;

  const run = async (
    input: PreflightInput,
    signal: AbortSignal | undefined,
    traceChecks = true,
  ): Promise<PreflightReport> => {
    const checkSpan = traceChecks
      ? checkSpanOf
      : (_id: string, check: () => Promise<PreflightCheck>) => check();
    const lookup: Lookup = (server, name, type) => shared(server, name, type, signal);
    const domain = normalizeName(input.domain, 'domain');
    const target = normalizeName(input.cnameTarget, 'cnameTarget');
    const otherCustomDomains = new Set(
      (input.otherCustomDomains ?? []).map((name) => normalizeName(name, 'otherCustomDomains')),
    );
    otherCustomDomains.delete(domain);
    const resolvers = effectiveResolvers(options.resolvers);

    const zone = await withSpan(
      'dns.zone',
      () => discoverZone(lookup, resolvers, domain, authoritativePort),
      {
        describe: (found) => ({ 'dns.zone': found?.name }),
      },
    );
    const [txt, chain, domainAddresses, targetAddresses] = await Promise.all([
      checkSpan('ownership-txt', () =>
        checkOwnershipTxt({
          lookup,
          resolvers,
          zone,
          domain,
          token: input.expectedToken,
          bound: input.bound,
        }),
      ),
      walkCnameChain(lookup, resolvers, domain),
      resolveAddresses(lookup, resolvers, domain),
      resolveAddresses(lookup, resolvers, target),
    ]);
    const cnameContext = {
      lookup,
      zone,
      domain,
      target,
      bound: input.bound,
      chain,
      domainAddresses,
      targetAddresses,
      otherCustomDomains,
    };
    const [doubled, cnameTarget, addressConflict] = await Promise.all([
      checkSpan('doubled-suffix', () =>
        checkDoubledSuffix({ lookup, resolvers, zone, domain, bound: input.bound, txtStatus: txt.status }),
      ),
      checkSpan('cname-target', () => checkCnameTarget(cnameContext)),
      checkSpan('address-conflict', () =>
        checkAddressConflict({
          lookup,
          resolvers,
          zone,
          domain,
          target,
          bound: input.bound,
          targetAddresses,
        }),
      ),
    ]);
    const checks = [txt, doubled, cnameTarget, checkCnameChain(cnameContext), addressConflict];
    if (input.acmeChallenge !== undefined) {
      const expected = input.acmeChallenge.cnameValue;
      checks.push(
        ...(await withSpan('dns.check acme-challenge', () =>
          checkAcmeChallenge({ lookup, resolvers, domain, expected }),
        )),
      );
    }
    const report: PreflightReport = { domain, verdict: verdictOf(checks), checks };
    const retryAfter = retryAfterSeconds(checks);
    if (retryAfter !== undefined) report.retryAfterSeconds = retryAfter;
    if (zone !== undefined) report.zone = { name: zone.name, nameServers: zone.nameServers };
    return report;
  };
  const preflight = (input: PreflightInput, signal?: AbortSignal) =>
    withSpan('dns.preflight', () => run(input, signal), {
      attributes: { 'dns.domain': input.domain, 'dns.cname_target': input.cnameTarget },
      describe: (report) => ({
        'dns.preflight.verdict': report.verdict,
        ...Object.fromEntries(report.checks.map((check) => [`dns.check.${check.id}`, check.status])),
      }),
    });
  // Its own span, without verdicts or check spans: its checks judge a placeholder token.
  const warm: DnsPreflight['warm'] = (input, signal) =>
    withSpan(
      'dns.warm',
      async () => {
        await run({ ...input, expectedToken: WARM_TOKEN, bound: false }, signal, false);
      },
      { attributes: { 'dns.domain': input.domain, 'dns.cname_target': input.cnameTarget } },
    );
  return Object.assign(preflight, { warm });
}

/** A span per check (its lookups nest under it), carrying the check's status. */
function checkSpanOf(id: string, check: () => Promise<PreflightCheck>): Promise<PreflightCheck> {
  return withSpan(`dns.check ${id}`, check, {
    attributes: { 'dns.check.id': id },
    describe: (result) => ({ 'dns.check.status': result.status }),
  });
}

/**
 * The managed-certificate checks alone (`acme-challenge-cname`, `acme-challenge-txt`), for the reconciler:
 * is the customer's delegation CNAME visible and pointing at `expected`, with no TXT in its way.
 */
export function createAcmeChallengeCheck(
  options: PreflightOptions = {},
): (domain: string, expected: string) => Promise<PreflightCheck[]> {
  const lookup = lookupOf(options);

  return (domain, expected) =>
    withSpan('dns.acme_challenge', () =>
      checkAcmeChallenge({
        lookup,
        resolvers: effectiveResolvers(options.resolvers),
        domain: normalizeName(domain, 'domain'),
        expected,
      }),
    );
}

/** One pre-flight run with its own cache. */
export function runDnsPreflight(
  input: PreflightInput,
  options: PreflightOptions = {},
): Promise<PreflightReport> {
  return createDnsPreflight(options)(input);
}
