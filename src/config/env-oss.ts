// How the service reaches OSS: credentials, region and endpoint, timeouts, retries, the circuit breaker.
// Each setting carries its README description; the table there is generated from it (npm run docs:settings).
import {
  credentialsProvider,
  endpoint,
  flag,
  integer,
  oneOf,
  optionalText,
  region,
  setting,
  url,
} from './env-fields.ts';

export const OSS_SETTINGS = {
  OSS_ACCESS_KEY_ID: setting(
    optionalText(),
    'AccessKey id the service signs OSS requests with. With the secret: remote mode. Without both: emulator mode.',
  ),
  OSS_ACCESS_KEY_SECRET: setting(optionalText(), 'AccessKey secret. Never logged or echoed.'),
  OSS_SESSION_TOKEN: setting(
    optionalText(),
    'STS security token, sent as `x-oss-security-token`. Only with the two above. It is read once: restart the service before it expires.',
  ),
  OSS_REGION: setting(
    region(),
    "Region the service signs for by default and discovers bucket regions from (`cn-hangzhou` or `oss-cn-hangzhou`). Each bucket's own region is discovered with GetBucketLocation.",
  ),
  OSS_ENDPOINT: setting(
    endpoint(),
    'Explicit endpoint (`oss-cn-hangzhou.aliyuncs.com`, `https://…`, `http://10.0.0.5:9000`); overrides the region-derived one. IP endpoints use path-style addressing.',
  ),
  OSS_USE_INTERNAL_ENDPOINT: setting(
    flag(false),
    'Use `oss-<region>-internal.aliyuncs.com`: for services running in the same region as the buckets (no Internet traffic fees, lower latency).',
  ),
  OSS_SIGNATURE_VERSION: setting(
    oneOf(['v4', 'v1'], 'v4'),
    '`v4` (OSS4-HMAC-SHA256, what the official SDKs use) or `v1` (legacy).',
  ),
  OSS_CONNECT_TIMEOUT_MS: setting(integer(5_000, 100, 120_000), 'Connect timeout per OSS attempt.'),
  OSS_READ_TIMEOUT_MS: setting(
    integer(20_000, 100, 600_000),
    'Timeout for response headers and for each pause in a response body, per attempt.',
  ),
  OSS_MAX_ATTEMPTS: setting(
    integer(3, 1, 10),
    'Attempts per OSS call, the first included (`1` disables retries). Retries follow the SDKs: 5xx, 401, 408, 429, clock skew, network errors; full-jitter backoff.',
  ),
  OSS_CREDENTIALS_PROVIDER: setting(
    credentialsProvider(),
    "Where the OSS credentials come from: `static` (`OSS_ACCESS_KEY_ID`/`OSS_ACCESS_KEY_SECRET`/`OSS_SESSION_TOKEN`, read once), `env` (the same variables, read on every call), `ecs-ram-role` (the ECS instance's RAM role) or `alicloud` (the @alicloud/credentials default chain). See [OSS credentials](docs/operations.md#oss-credentials).",
    '`static`',
  ),
  OSS_ECS_ROLE_NAME: setting(
    optionalText(),
    "`ecs-ram-role` only: the RAM role's name; unset, it is read from the metadata service.",
  ),
  OSS_ECS_METADATA_URL: setting(
    url(),
    "`ecs-ram-role` only: the metadata service's credentials URL; default `http://100.100.100.200/latest/meta-data/ram/security-credentials/`. Set it for a proxy, or a local stand-in in tests.",
    "ECS's",
  ),
  OSS_CERT_REGION: setting(
    region(),
    "Where this account's certificates live in SSL Certificates Service: `cn-hangzhou` for China-site accounts, `ap-southeast-1` for international ones. Completes a bare numeric `certId` (`19580016` → `19580016-cn-hangzhou`).",
  ),
  CNAME_CACHE_MS: setting(
    integer(2_000, 0, 60_000),
    "Longest time `GET …/cnames` and `GET …/cnames/{domain}` reuse a bucket's ListCname answer; concurrent reads of one bucket also share one call. The service's own binds, unbinds and certificate changes forget it at once; If-Match and every write read OSS itself. Per process: each replica may answer from its own copy, at most this old (changes made elsewhere show within it). Answers carry an `Age` header. `0` turns caching and sharing off.",
  ),
  OSS_CIRCUIT_FAILURES: setting(
    integer(5, 1, 1_000),
    'Consecutive OSS calls (after their retries) failing with 5xx, 429, timeouts or broken connections that open the per-region circuit; while open, API calls to that region get 503 `upstream-unavailable` at once.',
  ),
  OSS_CIRCUIT_COOLDOWN_MS: setting(
    integer(5_000, 100, 600_000),
    'How long an opened circuit refuses calls before one probe call is let through.',
  ),
  OSS_CIRCUIT_MAX_COOLDOWN_MS: setting(
    integer(30_000, 100, 3_600_000),
    'Each failed probe doubles the cool-down up to this; also the longest it takes to notice OSS is back.',
  ),
};
