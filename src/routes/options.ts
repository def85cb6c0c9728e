// What the API routes need from the app. AppConfig (src/config.ts) satisfies the config part; the routes
// ask only for what they use, so tests can pass a small literal.
import type { AppConfig } from '../config.ts';
import type { ServicesOss } from '../services/index.ts';

export interface ApiConfig {
  /** `oss.region`: the general region id (`cn-hangzhou`) region discovery is signed for; `oss.certRegion`
   * completes bare numeric certIds. */
  oss: Pick<AppConfig['oss'], 'region' | 'certRegion'>;
  dnsResolvers: AppConfig['dnsResolvers'];
  dns: AppConfig['dns'];
  conflictScan: AppConfig['conflictScan'];
  /** Default strict: tests passing a small literal get the checked serializer. */
  responseValidation?: AppConfig['responseValidation'];
}

export interface ApiRoutesOptions {
  oss: ServicesOss;
  config: ApiConfig;
}
