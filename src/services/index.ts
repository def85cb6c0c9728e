// Builds the services the routes use from the OSS client and the config, sharing one region cache.
import type { CnameApi } from '../oss/types.ts';
import { BindingService } from './binding-service.ts';
import { OssGateway } from './oss-gateway.ts';
import { RegionResolver } from './region-resolver.ts';
import { TokenService } from './token-service.ts';

export interface ServicesOptions {
  /** General region id region discovery is signed for. */
  defaultRegion: string;
  now?: (() => Date) | undefined;
  defaultCertRegion?: string | undefined;
}

export interface Services {
  tokens: TokenService;
  bindings: BindingService;
  regions: RegionResolver;
}

export function createServices(oss: CnameApi, options: ServicesOptions): Services {
  const regions = new RegionResolver(oss, { defaultRegion: options.defaultRegion });
  const gateway = new OssGateway(oss, regions);
  return {
    tokens: new TokenService(gateway),
    bindings: new BindingService(gateway, { now: options.now, defaultCertRegion: options.defaultCertRegion }),
    regions,
  };
}
