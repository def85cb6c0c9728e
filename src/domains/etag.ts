// A managed domain's ETag is its row version: every change of the domain moves it. If-Match on the
// /domains writes compares with it (RFC 9110: `*` matches any existing domain, otherwise strong
// comparison, so a weak tag never matches; no domain matches nothing).
import type { DomainRow } from './row.ts';

export function domainEtag(row: Pick<DomainRow, 'version'>): string {
  return `"${row.version}"`;
}

export function domainIfMatchHolds(header: string, row: DomainRow | undefined): boolean {
  if (row === undefined) return false;
  const tags = header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  return tags.includes('*') || tags.includes(domainEtag(row));
}
