import type { ChallengeRecords } from '../../src/acme/types.ts';
import type { DnsZoneStore } from '../../src/emulator/dns/zone-store.ts';

/** Short, so a stale value left by a crash does not linger in resolvers. */
const TTL = 30;

/**
 * Challenge records written straight into a DnsZoneStore: the emulator's DNS in emulator mode and tests,
 * where no Alibaba Cloud DNS zone exists.
 */
export function zoneChallengeRecords(store: DnsZoneStore, zone: string): ChallengeRecords {
  const nameOf = (label: string) => `${label}.${zone}`;
  const valuesAt = (name: string) => store.get(name).find((r) => r.type === 'TXT')?.values ?? [];
  return {
    async publish(label, value) {
      const name = nameOf(label);
      const values = valuesAt(name);
      if (!values.includes(value)) store.set(name, { type: 'TXT', ttl: TTL, values: [...values, value] });
    },
    async remove(label, value) {
      const name = nameOf(label);
      const values = valuesAt(name).filter((v) => v !== value);
      if (values.length === 0) store.delete(name, 'TXT');
      else store.set(name, { type: 'TXT', ttl: TTL, values });
    },
  };
}
