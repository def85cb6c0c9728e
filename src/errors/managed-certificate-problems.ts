// Problems of asking for managed certificates where the service cannot issue them.
import type { ProblemDefinition } from './problem-definition.ts';

export const MANAGED_CERTIFICATE_PROBLEMS = {
  'managed-certificates-unavailable': {
    status: 422,
    title: 'Managed certificates are not available',
    meaning:
      'Managed certificates were asked for, but no ACME directory is set up (no `ACME_DNS_ZONE`, or no Pebble in emulator mode)',
    action: 'Operators set `ACME_DNS_ZONE` or install `pebble`; or bring a certificate',
    docs: 'docs/operations.md#acme-certificates',
  },
} as const satisfies Record<string, ProblemDefinition>;
