// The 401 and 403 problems of the auth layer. Codes are stable and documented in docs/operations.md.
import { type ProblemError, problem } from '../errors/problem.ts';
import type { Action } from './types.ts';

const REALM = 'Bearer realm="oss-cname-service"';

export function missingApiKey(): ProblemError {
  return problem(
    'missing-api-key',
    'Send your API key as "Authorization: Bearer <key>" or "X-API-Key: <key>".',
    {
      headers: { 'www-authenticate': REALM },
    },
  );
}

export function invalidApiKey(
  detail = 'The API key is not valid; check it or ask for a new one.',
): ProblemError {
  return problem('invalid-api-key', detail, {
    headers: { 'www-authenticate': `${REALM}, error="invalid_token"` },
  });
}

export function actionNotAllowed(action: Action): ProblemError {
  return problem(
    'action-not-allowed',
    `Your API key does not allow ${action}; ask for a key with that action.`,
    {
      extensions: { action },
    },
  );
}

export function bucketOutOfScope(bucket: string): ProblemError {
  return problem(
    'bucket-out-of-scope',
    `Your API key does not cover bucket "${bucket}"; ask for a key whose bucket scope includes it.`,
    { extensions: { bucket } },
  );
}

export function domainOutOfScope(domain: string): ProblemError {
  return problem(
    'domain-out-of-scope',
    `Your API key does not cover domain "${domain}"; ask for a key whose domain scope includes it.`,
    { extensions: { domain } },
  );
}
