// The process and its HTTP side: environment, listening, logging, API keys.
// Each setting carries its README description; the table there is generated from it (npm run docs:settings).
import { integer, oneOf, optionalText, setting, text } from './env-fields.ts';

export const SERVICE_SETTINGS = {
  NODE_ENV: setting(
    oneOf(['development', 'production', 'test'], 'development'),
    '`development`, `production` or `test`. `production` refuses to start without OSS credentials.',
  ),
  PORT: setting(integer(8080, 0, 65535), 'HTTP port. `0` picks a free port (tests).'),
  HOST: setting(
    text('0.0.0.0'),
    'Listen address. All interfaces, because the service normally runs in a container behind a load balancer; set `127.0.0.1` to keep a development instance private.',
  ),
  LOG_LEVEL: setting(
    oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.',
  ),
  API_KEYS_FILE: setting(
    optionalText(),
    'Path of the API key file (see below). Required when OSS credentials are set. Unset in emulator mode: a development key is generated.',
  ),
};
