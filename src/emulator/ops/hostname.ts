// Which custom domains OSS accepts (protocol §2.4, §6): ASCII host names of 4–253 characters with at
// least two labels, no wildcards, and none under the suffixes Alibaba Cloud reserves.

import { invalidHostname } from './errors.ts';

const RESERVED_SUFFIXES = ['aliyuncs.com', 'aliyun.com', 'aliyun-inc.com', 'taobaocdn.com', 'taobao.com'];
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lower-cases a domain and checks it; throws InvalidArgument naming the broken rule. */
export function normalizeDomain(raw: string): string {
  const domain = raw.trim().toLowerCase();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the check is for anything outside ASCII
  if (/[^\x00-\x7f]/.test(domain)) {
    throw invalidHostname('The hostname must be ASCII; internationalized domain names are not supported.');
  }
  if (domain.length <= 3) throw invalidHostname('Entire hostname must be longer than 3 ASCII characters.');
  if (domain.length > 253)
    throw invalidHostname('Entire hostname must not be longer than 253 ASCII characters.');
  if (domain.includes('*')) throw invalidHostname('Wildcard domain names are not supported.');
  const labels = domain.split('.');
  if (labels.length < 2) throw invalidHostname('The hostname must contain at least two labels.');
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) {
      throw invalidHostname('Each label of the hostname must be 1 to 63 characters long.');
    }
    if (!LABEL.test(label)) {
      throw invalidHostname(
        `Label "${label}" is invalid: use letters, digits and "-", not starting or ending with "-".`,
      );
    }
  }
  return domain;
}

export function isReservedDomain(domain: string): boolean {
  return RESERVED_SUFFIXES.some((suffix) => domain === suffix || domain.endsWith(`.${suffix}`));
}

/** True when the domain or one of its parents is in the list (filings cover subdomains). */
export function coveredBy(domain: string, list: readonly string[]): boolean {
  return list.some((entry) => {
    const e = entry.toLowerCase();
    return domain === e || domain.endsWith(`.${e}`);
  });
}
