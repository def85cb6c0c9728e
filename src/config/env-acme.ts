// Managed certificates: the ACME CA and the Alibaba Cloud DNS zone its DNS-01 challenges are answered in.
// Each setting carries its README description; the table there is generated from it (npm run docs:settings).
import { isValidName } from '../dns/names.ts';
import { endpoint, integer, oneOf, optionalText, setting, url } from './env-fields.ts';

export const ACME_SETTINGS = {
  ALIDNS_ENDPOINT: setting(
    endpoint(),
    'Alibaba Cloud DNS (Alidns) API endpoint the ACME DNS-01 challenges are written through: a host (`alidns.aliyuncs.com`, the default) or an http(s) origin. It signs with the OSS credentials. Emulator mode: the embedded emulator, which answers Alidns too.',
    'see right',
  ),
  ACME_DIRECTORY_URL: setting(
    url(),
    "Managed certificates: the ACME directory (`https://acme-v02.api.letsencrypt.org/directory` when unset). In emulator mode, unset starts Debian's `pebble` instead when it is installed.",
    "Let's Encrypt",
  ),
  ACME_CA_FILE: setting(
    optionalText(),
    "PEM file of an extra CA the directory's TLS chains to (a test or private CA); trusted for the directory's origin only.",
  ),
  ACME_EMAIL: setting(
    optionalText().refine((v) => v === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
      error: 'must be an email address',
    }),
    'Contact address registered with the ACME account (expiry and policy mail from the CA).',
  ),
  ACME_EAB_KID: setting(
    optionalText(),
    'External account binding key id, for CAs that require one; set together with `ACME_EAB_HMAC_KEY`.',
  ),
  ACME_EAB_HMAC_KEY: setting(
    optionalText().refine((v) => v === undefined || /^[A-Za-z0-9_-]+={0,2}$/.test(v), {
      error: 'must be the base64url HMAC key the CA gave with the key id',
    }),
    'External account binding HMAC key (base64url, as the CA gives it). Secret: never logged.',
  ),
  ACME_DNS_ZONE: setting(
    optionalText().refine((v) => v === undefined || isValidName(v), {
      error: 'must be a DNS zone name such as acme.example.net',
    }),
    'The zone the service answers DNS-01 challenges in; customers add `_acme-challenge.<domain> CNAME <label>.<zone>` once.',
  ),
  ACME_KEY_TYPE: setting(
    oneOf(['ec256', 'rsa2048'], 'ec256'),
    'Key type of issued certificates and of a new ACME account: `ec256` or `rsa2048`.',
  ),
  ACME_PEBBLE_VALIDITY_SECONDS: setting(
    integer(0, 0, 157_766_400),
    "Emulator mode with Debian's `pebble`: seconds each certificate Pebble issues stays valid; `0` keeps Pebble's own (about five years). A short one (`60`) lets you watch the service renew by itself, two thirds into each lifetime.",
  ),
};
