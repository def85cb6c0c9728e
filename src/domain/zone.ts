// Best-effort split of a domain into its DNS zone and the record names relative to it, without asking DNS:
// the registrable domain is the last two labels, or three under a common two-level public suffix.
import { TWO_LEVEL_PUBLIC_SUFFIXES } from './public-suffixes.ts';

export interface ZoneGuess {
  /** The zone the records most likely live in, e.g. `example.co.uk`. */
  zone: string;
  /** `name` relative to the zone, as DNS consoles ask for it (`@` for the apex). */
  host: string;
}

/** Where `name` (an FQDN at or below `domain`) sits relative to `domain`'s guessed zone. */
export function guessZone(domain: string, name: string = domain): ZoneGuess {
  const labels = domain.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const zoneLabels = TWO_LEVEL_PUBLIC_SUFFIXES.has(lastTwo) && labels.length > 2 ? 3 : 2;
  const zone = labels.slice(-zoneLabels).join('.');
  if (name === zone) return { zone, host: '@' };
  return { zone, host: name.endsWith(`.${zone}`) ? name.slice(0, -zone.length - 1) : name };
}
