// The embedded emulator, the DNS pre-flight and the account-wide conflict scan.
// Each setting carries its README description; the table there is generated from it (npm run docs:settings).
import { integer, optionalText, resolverList, setting, text } from './env-fields.ts';

export const DNS_SETTINGS = {
  EMULATOR_HOST: setting(
    text('127.0.0.1'),
    'Emulator mode: address of the embedded emulator (HTTP and DNS).',
  ),
  EMULATOR_PORT: setting(integer(9000, 0, 65535), 'Emulator mode: emulator HTTP port.'),
  EMULATOR_DNS_PORT: setting(integer(9053, 0, 65535), 'Emulator mode: emulator DNS port (UDP and TCP).'),
  EMULATOR_SEED: setting(
    optionalText(),
    'Emulator mode: JSON seed file (accounts, keys, buckets; see the emulator docs). Default: one account, key `LTAI5tEmulatorDefaultKey`, bucket `examplebucket` in `cn-hangzhou`.',
  ),
  DNS_RESOLVERS: setting(
    resolverList(),
    "Resolvers for ownership (`_dnsauth` TXT) pre-flight lookups: `10.0.0.2`, `10.0.0.2:53`, `[fd00::2]:53`, comma-separated. In emulator mode the emulator's DNS server is used instead.",
    'system',
  ),
  DNS_TIMEOUT_MS: setting(
    integer(2_000, 50, 30_000),
    'Timeout of one DNS query attempt (UDP is tried twice).',
  ),
  DNS_CACHE_TTL_MS: setting(
    integer(30_000, 0, 3_600_000),
    'Longest time a DNS answer is reused, across requests; record TTLs (and negative TTLs) cap it further. `0` turns the cache off. A refusal is always confirmed without the cache.',
  ),
  DNS_AUTHORITATIVE_PORT: setting(
    integer(53, 1, 65535),
    "Port the zones' name servers are asked on directly. Only tests and emulator mode change it.",
  ),
  DNS_PREFLIGHT_TIMEOUT_MS: setting(
    integer(8_000, 100, 120_000),
    'Budget of one whole DNS pre-flight; checks still open then are `pending` (a bind then goes to OSS) and their lookups are abandoned.',
  ),
  CONFLICT_SCAN_MAX_BUCKETS: setting(
    integer(500, 0, 100_000),
    'When a domain is held by another bucket of the account, at most this many buckets are listed (ListBuckets, ListCname each) to name it. `0` turns the scan off.',
  ),
  CONFLICT_SCAN_CACHE_MS: setting(integer(60_000, 0, 3_600_000), 'How long one such scan is reused.'),
};
