// Public face of the services between the routes and the OSS client; src/app.ts builds them once per app.
import type { BindingService } from './binding-service.ts';
import type { ChecksService } from './checks-service.ts';
import type { RegionResolver } from './region-resolver.ts';
import type { TokenService } from './token-service.ts';

export { AccountBindings } from './account-bindings.ts';
export { BindingService } from './binding-service.ts';
export { ChecksService } from './checks-service.ts';
export { DnsInspector } from './dns-inspector.ts';
export { OssGateway } from './oss-gateway.ts';
export { OwnershipGate } from './ownership-gate.ts';
export { RegionResolver } from './region-resolver.ts';
export { TokenService } from './token-service.ts';

export interface Services {
  tokens: TokenService;
  bindings: BindingService;
  checks: ChecksService;
  regions: RegionResolver;
}
