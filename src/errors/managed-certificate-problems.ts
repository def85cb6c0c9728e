// Problems of asking for managed certificates where the service cannot issue them.
import type { ProblemDefinition } from './problem-definition.ts';

export const MANAGED_CERTIFICATE_PROBLEMS = {
  'managed-certificates-unavailable': {
    status: 422,
    title: 'Managed certificates are not available',
    meaning:
      '`certificate: "managed"` was asked for, but the service has no ACME directory (no `ACME_DNS_ZONE`, or emulator mode without Pebble)',
    action:
      "Operators set `ACME_DIRECTORY_URL` and `ACME_DNS_ZONE`, or install Debian's `pebble` for emulator mode; meanwhile attach with your own certificate",
    docs: 'docs/operations.md#acme-certificates',
  },
} as const satisfies Record<string, ProblemDefinition>;
