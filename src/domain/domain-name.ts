// The one normalisation and validation of custom domain names, used by every route: case folded, trailing
// root dot dropped, IDN converted to punycode (node:url domainToASCII), then OSS's own host-name rules.
import { isIP } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';

export type DomainRejection =
  | 'invalid-domain'
  | 'ip-address-not-allowed'
  | 'wildcard-not-supported'
  | 'domain-forbidden';

export type DomainResult =
  | { ok: true; domain: string; unicode: string }
  | { ok: false; code: DomainRejection; reason: string };

const MAX_LENGTH = 253;
const MAX_LABEL = 63;
/** OSS: "Entire hostname must be longer than 3 ASCII characters" (so `w.c` fails). */
const MIN_LENGTH = 4;
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** Characters that end a host in URL parsing; domainToASCII would silently cut the name at them. */
const URL_DELIMITERS = /[\s/\\?#@:%[\]]/;
/** Suffixes OSS reserves for itself and refuses to bind (CnameIsForbidden). */
const RESERVED_SUFFIXES = ['aliyuncs.com', 'aliyun.com', 'aliyun-inc.com', 'taobaocdn.com', 'taobao.com'];

export function parseDomain(input: string): DomainResult {
  const trimmed = input.trim();
  if (trimmed === '') return invalid('the domain is empty');
  const withoutRoot = trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
  if (withoutRoot.startsWith('*.') || withoutRoot === '*') {
    return {
      ok: false,
      code: 'wildcard-not-supported',
      reason:
        'wildcard domains cannot be bound to standard OSS buckets; bind each host name (www.example.com, img.example.com) separately',
    };
  }
  if (isIP(withoutRoot.replace(/^\[(.*)\]$/, '$1')) !== 0) return ipLiteral();
  if (URL_DELIMITERS.test(withoutRoot)) {
    return invalid(
      'a domain name holds only letters, digits, hyphens and dots (no scheme, path, port or spaces)',
    );
  }
  const ascii = domainToASCII(withoutRoot);
  if (ascii === '') return invalid('it is not a valid (internationalized) domain name');
  if (isIP(ascii) !== 0) return ipLiteral();
  const problem = hostNameProblem(ascii);
  if (problem) return invalid(problem);
  if (RESERVED_SUFFIXES.some((s) => ascii === s || ascii.endsWith(`.${s}`))) {
    return {
      ok: false,
      code: 'domain-forbidden',
      reason: `names under ${RESERVED_SUFFIXES.join(', ')} belong to Alibaba Cloud and cannot be bound`,
    };
  }
  return { ok: true, domain: ascii, unicode: domainToUnicode(ascii) };
}

function hostNameProblem(ascii: string): string | undefined {
  if (ascii.length < MIN_LENGTH) return `the whole name must be longer than ${MIN_LENGTH - 1} characters`;
  if (ascii.length > MAX_LENGTH) return `the whole name must be at most ${MAX_LENGTH} characters`;
  const labels = ascii.split('.');
  if (labels.length < 2) return 'it needs at least two labels, such as example.com';
  for (const label of labels) {
    if (label === '') return 'it contains an empty label (two dots in a row, or a leading dot)';
    if (label.length > MAX_LABEL) return `label "${label}" is longer than ${MAX_LABEL} characters`;
    if (label.includes('_')) return `label "${label}" contains an underscore, which host names cannot hold`;
    if (!LABEL.test(label)) {
      return `label "${label}" must hold only letters, digits and hyphens, and not start or end with a hyphen`;
    }
    if (label.startsWith('xn--') && !isPunycodeLabel(label)) return `label "${label}" is not valid punycode`;
  }
  if (/^[0-9]+$/.test(labels.at(-1) ?? '')) return 'the top-level label cannot be all digits';
  return undefined;
}

function isPunycodeLabel(label: string): boolean {
  const unicode = domainToUnicode(label);
  return unicode !== label && domainToASCII(unicode) === label;
}

function invalid(reason: string): DomainResult {
  return { ok: false, code: 'invalid-domain', reason };
}

function ipLiteral(): DomainResult {
  return {
    ok: false,
    code: 'ip-address-not-allowed',
    reason: 'an IP address cannot be bound; bind a domain name that resolves to it instead',
  };
}
