// The 401 and 403 problems of the auth layer. Codes are stable and documented in docs/operations.md.
import { ProblemError } from '../errors/problem.ts';
import type { Action } from './types.ts';

const REALM = 'Bearer realm="oss-cname-service"';

export function missingApiKey(): ProblemError {
  return new ProblemError({
    status: 401,
    code: 'missing-api-key',
    title: 'API key required',
    detail: 'Send your API key as "Authorization: Bearer <key>" or "X-API-Key: <key>".',
    headers: { 'www-authenticate': REALM },
  });
}

export function invalidApiKey(
  detail = 'The API key is not valid; check it or ask for a new one.',
): ProblemError {
  return new ProblemError({
    status: 401,
    code: 'invalid-api-key',
    title: 'Invalid API key',
    detail,
    headers: { 'www-authenticate': `${REALM}, error="invalid_token"` },
  });
}

export function actionNotAllowed(action: Action): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'action-not-allowed',
    title: 'Action not allowed',
    detail: `Your API key does not allow ${action}; ask for a key with that action.`,
    extensions: { action },
  });
}

export function bucketOutOfScope(bucket: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'bucket-out-of-scope',
    title: 'Bucket out of scope',
    detail: `Your API key does not cover bucket "${bucket}"; ask for a key whose bucket scope includes it.`,
    extensions: { bucket },
  });
}

export function domainOutOfScope(domain: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'domain-out-of-scope',
    title: 'Domain out of scope',
    detail: `Your API key does not cover domain "${domain}"; ask for a key whose domain scope includes it.`,
    extensions: { domain },
  });
}
