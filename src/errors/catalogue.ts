// Every problem code the service can send, with its status and title, what the README's table says about
// it and whether it carries Retry-After. Problems are built from here only (problem() in problem.ts), the
// README table is generated from it (`npm run docs:problems`) and the OpenAPI Problem schema lists its codes.
import { BINDING_RULE_PROBLEMS } from './binding-rule-problems.ts';
import { CERTIFICATE_AUTHORITY_PROBLEMS } from './certificate-authority-problems.ts';
import { CERTIFICATE_PROBLEMS } from './certificate-problems.ts';
import { MANAGED_CERTIFICATE_PROBLEMS } from './managed-certificate-problems.ts';
import { MANAGED_DOMAIN_PROBLEMS } from './managed-domain-problems.ts';
import type { ProblemDefinition } from './problem-definition.ts';
import { REQUEST_PROBLEMS } from './request-problems.ts';
import { STATE_PROBLEMS } from './state-problems.ts';
import { UPSTREAM_PROBLEMS } from './upstream-problems.ts';
import { WEBHOOK_PROBLEMS } from './webhook-problems.ts';

const ENTRIES = {
  ...REQUEST_PROBLEMS,
  ...BINDING_RULE_PROBLEMS,
  ...CERTIFICATE_PROBLEMS,
  ...CERTIFICATE_AUTHORITY_PROBLEMS,
  ...MANAGED_CERTIFICATE_PROBLEMS,
  ...STATE_PROBLEMS,
  ...MANAGED_DOMAIN_PROBLEMS,
  ...UPSTREAM_PROBLEMS,
  ...WEBHOOK_PROBLEMS,
};

export type ProblemCode = keyof typeof ENTRIES;

export const PROBLEM_CATALOGUE: Readonly<Record<ProblemCode, ProblemDefinition>> = ENTRIES;

export const PROBLEM_CODES = Object.keys(PROBLEM_CATALOGUE) as [ProblemCode, ...ProblemCode[]];

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CATALOGUE, code);
}
