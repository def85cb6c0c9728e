// What callers meet: CORS, rate limits, body size, proxies, metrics, response checks, readiness, shutdown.
// Each setting carries its README description; the table there is generated from it (npm run docs:settings).
import { integer, oneOf, originList, secretText, setting, trustProxy } from './env-fields.ts';

export const HTTP_SETTINGS = {
  CORS_ORIGINS: setting(
    originList(),
    'Comma-separated origins allowed to call the API from a browser (`https://console.example.com`). Empty: no CORS headers at all.',
  ),
  RATE_LIMIT_MAX: setting(integer(600, 1, 1_000_000), 'Requests per window for one API key.'),
  RATE_LIMIT_ANONYMOUS_MAX: setting(
    integer(60, 1, 1_000_000),
    'Requests per window for one client address that has not presented a valid key (missing or wrong keys).',
  ),
  RATE_LIMIT_WINDOW_MS: setting(integer(60_000, 1_000, 86_400_000), 'Rate-limit window.'),
  TOKENS_PER_KEY_PER_BUCKET: setting(
    integer(100, 1, 1_000),
    "Live ownership tokens (72 h each) one API key may hold on one bucket; the next new one (`POST …/cname-tokens`, or attaching a managed domain) is refused with 429 `token-share-exceeded`. OSS allows 1,000 per bucket for everyone together, so one key cannot lock the bucket's other tenants out. Counted in the durable state (every replica sees the same count); tokens whose domain got bound or unbound stop counting.",
  ),
  BODY_LIMIT_BYTES: setting(
    integer(131_072, 1_024, 16_777_216),
    'Largest request body; bigger ones get 413 `payload-too-large`. 128 KiB fits a certificate chain (64 KiB) and key (32 KiB) with JSON escaping.',
  ),
  SHUTDOWN_GRACE_MS: setting(
    integer(10_000, 100, 600_000),
    "How long SIGTERM/SIGINT waits for in-flight requests before exiting 1. Keep it below the orchestrator's kill timeout (Kubernetes: `terminationGracePeriodSeconds`, 30 s by default).",
  ),
  REQUEST_TIMEOUT_MS: setting(
    integer(30_000, 100, 600_000),
    'A request, headers and body, must arrive whole within this time; slower ones are cut with 408 `request-timeout`.',
  ),
  MAX_CONNECTIONS: setting(
    integer(1_024, 1, 1_000_000),
    'Client connections held at once; further ones are closed on arrival.',
  ),
  TRUST_PROXY: setting(
    trustProxy(),
    "Whether to believe `X-Forwarded-For`: `true`, a hop count (`1` = one load balancer in front), or trusted addresses/CIDRs (`10.0.0.0/8,127.0.0.1`). Decides the client address used for logs and the anonymous rate limit. `true` believes any `X-Forwarded-For` (any client picks its address): prefer a hop count or the proxies' addresses.",
  ),
  METRICS_TOKEN: setting(
    secretText(16),
    'When set (16+ characters), `/metrics` requires `Authorization: Bearer <token>`.',
  ),
  RESPONSE_VALIDATION: setting(
    oneOf(['auto', 'strict', 'fast'], 'auto'),
    "`strict`: every response is encoded with its zod schema and one that would differ (a missing, mistyped or undeclared field) is a 500; `fast`: the handlers' typed objects are serialized directly. `auto` is `strict` except with `NODE_ENV=production`: the test suite runs strict, which proves the handlers build exactly the documented shapes, and production skips the re-validation (9-15 % of the list route's throughput, see bench/README.md).",
  ),
  READINESS_CACHE_MS: setting(
    integer(5_000, 0, 600_000),
    'How long a `/readyz` result is reused, so many probes cost one OSS call.',
  ),
  READINESS_TIMEOUT_MS: setting(integer(3_000, 100, 120_000), 'Timeout of the readiness OSS call.'),
  CURSOR_SECRET: setting(
    secretText(16),
    'Key (16+ characters) sealing list cursors so forged ones are refused. Set the same value on every replica, or a cursor from one replica (or from before a restart) is refused as `invalid-cursor`; unset, a random key per process.',
  ),
};
