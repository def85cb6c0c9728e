// The registered domain Let's Encrypt counts certificates under (the label below the public suffix).
// Without the whole Public Suffix List, the common two-label suffixes of our customers' markets are
// known here; anything else counts as a one-label suffix, which can only over-count (stay safer).

const TWO_LABEL_SUFFIXES = new Set([
  'com.cn',
  'net.cn',
  'org.cn',
  'gov.cn',
  'edu.cn',
  'ac.cn',
  'com.hk',
  'org.hk',
  'net.hk',
  'edu.hk',
  'gov.hk',
  'idv.hk',
  'com.tw',
  'org.tw',
  'net.tw',
  'idv.tw',
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'me.uk',
  'co.jp',
  'ne.jp',
  'or.jp',
  'ac.jp',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'co.kr',
  'or.kr',
  'com.sg',
  'com.my',
  'co.id',
  'co.th',
  'in.th',
  'com.vn',
  'com.ph',
  'co.in',
  'com.br',
  'com.mx',
  'com.tr',
  'co.za',
]);

export function registeredDomain(name: string): string {
  const labels = name.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '').split('.');
  const keep = labels.length >= 3 && TWO_LABEL_SUFFIXES.has(labels.slice(-2).join('.')) ? 3 : 2;
  return labels.slice(-keep).join('.');
}
