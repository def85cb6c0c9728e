// Problems of the managed-domain routes (/buckets/{bucket}/domains) and of /cnames writes to a domain
// the service manages.
import type { ProblemDefinition } from './problem-definition.ts';

const DOMAINS = 'docs/domains.md';

export const MANAGED_DOMAIN_PROBLEMS = {
  'domain-not-managed': {
    status: 404,
    title: 'Domain not managed',
    meaning: 'The domain is not managed on this bucket (never attached, or deleted)',
    action: 'Attach it with `POST /buckets/{bucket}/domains`',
    docs: `${DOMAINS}#routes`,
  },
  'domain-already-managed': {
    status: 409,
    title: 'Domain already managed',
    meaning: 'The domain is already managed on this bucket; the answer carries it as `resource`',
    action: 'Read it with `GET /buckets/{bucket}/domains/{domain}`; `POST …/check` to run it now',
    docs: `${DOMAINS}#routes`,
  },
  'domain-managed': {
    status: 409,
    title: 'Domain managed',
    meaning: 'A `/cnames` write to a domain the service manages through `/domains`',
    action: 'Use `/buckets/{bucket}/domains/{domain}` (the `route` member), or delete it there first',
    docs: `${DOMAINS}#routes`,
  },
} as const satisfies Record<string, ProblemDefinition>;
