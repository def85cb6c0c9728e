// Domain ownership (protocol §6): PutCname looks up TXT `_dnsauth.<domain>` with a real DNS query and
// compares it with the bucket's token for that domain. Timeouts and DNS errors count as "not verified",
// which is what OSS answers while a record has not propagated.

import { queryDns } from '../../dns/query.ts';
import type { DnsServerAddress } from '../../dns/types.ts';

/** TXT strings at a name (each record's strings joined); [] when there are none. */
export type TxtLookup = (name: string) => Promise<string[]>;

export function dnsTxtLookup(server: () => DnsServerAddress, timeoutMs: number): TxtLookup {
  return async (name) => {
    const result = await queryDns(name, 'TXT', { server: server(), timeoutMs, udpAttempts: 1 });
    if (result.rcode !== 'NOERROR') return [];
    return result.answers.filter((a) => a.type === 'TXT').map((a) => a.data);
  };
}

export async function ownershipVerified(lookup: TxtLookup, domain: string, token: string): Promise<boolean> {
  try {
    const values = await lookup(`_dnsauth.${domain}`);
    return values.some((value) => value.trim() === token);
  } catch {
    return false;
  }
}
