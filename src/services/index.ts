// Public face of the services between the routes and OSS; src/app.ts builds them once per app. Services
// reach OSS only through oss-access (bucket-scoped: region cache, wrong-endpoint re-send, problems).
import type { BindingService } from './bindings/index.ts';
import type { ChecksService } from './checks/index.ts';
import type { ShareGate, TokenService } from './tokens/index.ts';

export { BindingService, OwnershipGate, type Preconditions } from './bindings/index.ts';
export { ChecksService } from './checks/index.ts';
export { DnsInspector } from './domain-dns/index.ts';
export { AccountBindings, OssAccess } from './oss-access/index.ts';

import type { OssAccess } from './oss-access/index.ts';

export { ShareGate, TokenService } from './tokens/index.ts';
export type { WriteContext } from './write-context.ts';

export interface Services {
  /** The one way into OSS, for parts beside the request services (the reconciler). */
  oss: OssAccess;
  tokens: TokenService;
  bindings: BindingService;
  checks: ChecksService;
  /** Each key's share of a bucket's ownership tokens, for managed domains' attach too. */
  shares: ShareGate;
}
