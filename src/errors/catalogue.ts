// Every problem code the service can send, with its status and title, what the README's table says about
// it and whether it carries Retry-After. Problems are built from here only (problem() in problem.ts), the
// README table is generated from it (`npm run docs:problems`) and the OpenAPI Problem schema lists its codes.
// The entries are data in problems/*.json, one file a group; this module is the one place that reads them.
import { z } from 'zod';
import { CERTIFICATE_PROBLEMS } from './certificate-problems.ts';
import { type ProblemDefinition, ProblemDefinitionSchema } from './problem-definition.ts';
// The names' rules, the state OSS holds, and OSS's verdicts on the domain (ownership, other holders, ICP).
import BINDING_RULE from './problems/binding-rule.json' with { type: 'json' };
// The ACME CA's answers: a domain's certificate.lastError, or a route's answer when it talks to the CA.
import CERTIFICATE_AUTHORITY from './problems/certificate-authority.json' with { type: 'json' };
// Asking for managed certificates where the service cannot issue them.
import MANAGED_CERTIFICATE from './problems/managed-certificate.json' with { type: 'json' };
// The managed-domain routes (/buckets/{bucket}/domains) and /cnames writes to a domain the service manages.
import MANAGED_DOMAIN from './problems/managed-domain.json' with { type: 'json' };
// The request itself: its shape, its credentials and scope, its rate, and routing.
import REQUEST from './problems/request.json' with { type: 'json' };
// The durable state: the Idempotency-Key protocol and a store that does not answer.
import STATE from './problems/state.json' with { type: 'json' };
// The service and OSS behind it: 5xx a caller cannot fix, with what to wait for or report.
import UPSTREAM from './problems/upstream.json' with { type: 'json' };
// The webhook routes (docs/domains.md#webhook-delivery).
import WEBHOOK from './problems/webhook.json' with { type: 'json' };

// The order is the README table's within one status and the OpenAPI code list's.
const ENTRIES = {
  ...REQUEST,
  ...BINDING_RULE,
  ...CERTIFICATE_PROBLEMS,
  ...CERTIFICATE_AUTHORITY,
  ...MANAGED_CERTIFICATE,
  ...STATE,
  ...MANAGED_DOMAIN,
  ...UPSTREAM,
  ...WEBHOOK,
};

export type ProblemCode = keyof typeof ENTRIES;

// A malformed entry (a typo'd field, a status outside 4xx/5xx) fails at load, not in an answer.
export const PROBLEM_CATALOGUE: Readonly<Record<ProblemCode, ProblemDefinition>> = z
  .record(z.string(), ProblemDefinitionSchema)
  .parse(ENTRIES) as Record<ProblemCode, ProblemDefinition>;

export const PROBLEM_CODES = Object.keys(PROBLEM_CATALOGUE) as [ProblemCode, ...ProblemCode[]];

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CATALOGUE, code);
}
