// Every migration, in order. Add a file and a line here; never edit or reorder a released one.
import { idempotency } from './001-idempotency.ts';
import { audit } from './002-audit.ts';
import { domainEvents } from './003-domain-events.ts';
import { managedDomains } from './004-managed-domains.ts';
import { certificates } from './005-certificates.ts';
import { webhooks } from './006-webhooks.ts';
import { tokenShares } from './007-token-shares.ts';
import { certificateWatch } from './008-certificate-watch.ts';
import type { Migration } from './types.ts';

export type { Migration } from './types.ts';

export const MIGRATIONS: readonly Migration[] = [
  idempotency,
  audit,
  domainEvents,
  managedDomains,
  certificates,
  webhooks,
  tokenShares,
  certificateWatch,
];
