// Managed domains (docs/domains.md): the reconciler's check schedule, lease and loop. The schedule's
// checks and defaults come from the lifecycle (src/domains/settings.ts); the README text lives here.
// Each setting carries its README description; the table there is generated from it (npm run docs:settings).
import { reconcileEnvFields as F } from '../domains/index.ts';
import { integer, setting } from './env-fields.ts';

export const RECONCILE_SETTINGS = {
  RECONCILE_BASE_DELAY_MS: setting(
    F.RECONCILE_BASE_DELAY_MS,
    'Managed domains: the first delay between checks of a domain that waits (DNS record not visible yet, OSS unavailable); later ones grow from it (docs/domains.md).',
  ),
  RECONCILE_GENTLE_ATTEMPTS: setting(
    F.RECONCILE_GENTLE_ATTEMPTS,
    'Checks whose delay grows by 1.05 before it grows by 1.15.',
  ),
  RECONCILE_MAX_DELAY_MS: setting(F.RECONCILE_MAX_DELAY_MS, 'The cap on one delay between checks (4 h).'),
  RECONCILE_MAX_ATTEMPTS: setting(
    F.RECONCILE_MAX_ATTEMPTS,
    'Checks without progress before a domain is `stalled` (about 7 days with the defaults); it is never deleted, and `POST …/check` re-arms it.',
  ),
  RECONCILE_STALLED_INTERVAL_MS: setting(
    F.RECONCILE_STALLED_INTERVAL_MS,
    'How often a stalled domain is still checked.',
  ),
  RECONCILE_WATCH_INTERVAL_MS: setting(
    F.RECONCILE_WATCH_INTERVAL_MS,
    'How often a bound domain is watched for drift (a binding removed or a certificate replaced outside the service).',
  ),
  RECONCILE_TOKEN_REFRESH_BEFORE_MS: setting(
    F.RECONCILE_TOKEN_REFRESH_BEFORE_MS,
    'An ownership token this close to its 72 h expiry is refreshed at OSS.',
  ),
  RECONCILE_LEASE_MS: setting(
    F.RECONCILE_LEASE_MS,
    'How long one replica holds a domain it works on; after a crash, another replica takes it over once this passed.',
  ),
  RECONCILE_POLL_MS: setting(
    integer(5_000, 50, 3_600_000),
    'How often each process looks for managed domains that are due (a write through `/domains` looks at once).',
  ),
  RECONCILE_BATCH_SIZE: setting(integer(20, 1, 1_000), 'Managed domains one process claims at a time.'),
  RECONCILE_DNS_QPS: setting(
    integer(100, 1, 100_000),
    "DNS queries per second the reconciler of one process may send (its checks' lookups share the budget, with bursts of a tenth of a second); the request path is not held to it. Keeps a pass over thousands of due domains from flooding the resolvers.",
  ),
};
