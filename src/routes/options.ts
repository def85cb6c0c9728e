// What the API routes need from the app. AppConfig (src/config.ts) satisfies the config part structurally.
import type { CnameApi } from '../oss/types.ts';

export interface ApiConfig {
  oss: {
    /** General region id (`cn-hangzhou`) the service signs region discovery for. */
    region: string;
  };
}

export interface ApiRoutesOptions {
  oss: CnameApi;
  config: ApiConfig;
}
