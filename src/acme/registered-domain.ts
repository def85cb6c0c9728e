// The registered domain Let's Encrypt counts certificates under (the label below the public suffix).
// Without the whole Public Suffix List, the two-level suffixes the zone guess knows are used; anything else
// counts as a one-label suffix, which can only over-count (stay safer).
import { TWO_LEVEL_PUBLIC_SUFFIXES } from '../domain/public-suffixes.ts';

export function registeredDomain(name: string): string {
  const labels = name.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '').split('.');
  const keep = labels.length >= 3 && TWO_LEVEL_PUBLIC_SUFFIXES.has(labels.slice(-2).join('.')) ? 3 : 2;
  return labels.slice(-keep).join('.');
}
