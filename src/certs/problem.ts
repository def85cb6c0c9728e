// The certificate checks as problem+json errors, so every route that accepts certificates answers alike:
// the first error's code is the problem code, and all issues travel as extensions.
import { isProblemCode } from '../errors/catalogue.ts';
import { type ProblemError, problem } from '../errors/problem.ts';
import type { CertIdResult } from './cert-id.ts';
import type { CertCheckResult } from './types.ts';

/** 422: the body was well-formed JSON, the certificate material in it is not usable. */
export function certificateProblem(result: CertCheckResult): ProblemError | undefined {
  const [first] = result.errors;
  if (first === undefined) return undefined;
  // Only blocking checks land in errors, and every blocking check has its catalogue entry.
  if (!isProblemCode(first.code)) throw new Error(`certificate check ${first.code} has no problem code`);
  const more =
    result.errors.length > 1
      ? ` (and ${result.errors.length - 1} more problem(s), see certificateErrors)`
      : '';
  return problem(first.code, `${first.detail} ${first.fix}${more}`, {
    extensions: { certificateErrors: result.errors, certificateWarnings: result.warnings },
  });
}

/** 400: the CertId is not of the form OSS accepts. */
export function certIdProblem(result: CertIdResult): ProblemError | undefined {
  if (result.ok) return undefined;
  return problem(result.code, `${result.detail} ${result.fix}`, { extensions: { fix: result.fix } });
}
