// Problems of managed certificates: the ACME CA's answers, mapped to our codes. The lifecycle keeps them as a
// domain's certificate.lastError; a route answers them when it talks to the CA itself.
import type { ProblemDefinition } from './problem-definition.ts';

const ACME = 'docs/operations.md#acme-certificates';

export const CERTIFICATE_AUTHORITY_PROBLEMS = {
  'acme-rate-limited': {
    status: 429,
    title: 'The certificate authority is rate limiting us',
    meaning: "The ACME CA refused a new order or account under its rate limits (Let's Encrypt's, say)",
    action: 'Wait for `Retry-After`; the service retries by itself',
    docs: ACME,
    retryAfter: 'always',
  },
  'acme-caa-forbidden': {
    status: 422,
    title: 'A CAA record forbids this certificate authority',
    meaning: "The domain's CAA records do not allow the service's CA; `caDetail` quotes the CA",
    action: 'Add a CAA record that allows the CA, or remove the restricting one',
    docs: ACME,
  },
  'acme-challenge-failed': {
    status: 422,
    title: 'The certificate authority rejected the DNS challenge',
    meaning: 'The CA could not validate the DNS-01 challenge; `caDetail` quotes the CA',
    action: 'Check the `_acme-challenge` CNAME the domain lists, then check again',
    docs: ACME,
  },
  'acme-challenge-not-visible': {
    status: 409,
    title: 'The DNS challenge record is not visible',
    meaning:
      'The `_acme-challenge` CNAME is missing or points elsewhere, so the challenge TXT cannot be seen',
    action: 'Publish the CNAME the domain lists; the service retries',
    docs: ACME,
  },
  'acme-order-failed': {
    status: 502,
    title: 'The certificate order failed',
    meaning: 'The CA marked the order invalid or answered it in an unexpected way',
    action: 'The service retries with back-off; report the `requestId` if it persists',
    docs: ACME,
  },
  'acme-unavailable': {
    status: 503,
    title: 'The certificate authority cannot be reached',
    meaning: 'The ACME directory did not answer or its TLS failed',
    action: 'Operators check `ACME_DIRECTORY_URL` and `ACME_CA_FILE`; the service retries',
    docs: ACME,
    retryAfter: 'when-known',
  },
} as const satisfies Record<string, ProblemDefinition>;
