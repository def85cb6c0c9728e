// Follows the CNAME chain of a name hop by hop at the resolvers, so the chain is seen the same way
// whether the resolver chases CNAMEs itself or not.

import type { DnsServerAddress } from '../types.ts';
import { firstAnswer, type Lookup, type LookupOutcome } from './lookup.ts';
import { negativeTtl, recordsAt } from './records.ts';

/** Chains longer than this are broken anyway: resolvers give up around here. */
const MAX_HOPS = 8;

export interface ChainHop {
  from: string;
  to: string;
  ttl: number;
}

export interface ChainWalk {
  /** Empty when the name has no CNAME. */
  hops: ChainHop[];
  /** Negative TTL of the answer that said "no CNAME here" at the start name. */
  negativeTtl?: number | undefined;
  /** Set when no resolver answered at some hop. */
  failures?: Extract<LookupOutcome, { ok: false }>[];
  loop?: boolean;
}

export async function walkCnameChain(
  lookup: Lookup,
  resolvers: DnsServerAddress[],
  start: string,
): Promise<ChainWalk> {
  const hops: ChainHop[] = [];
  const seen = new Set([start]);
  let name = start;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const { answer, failures } = await firstAnswer(lookup, resolvers, name, 'CNAME');
    if (answer === undefined) return { hops, failures };
    const cname = recordsAt(answer.result, name, 'CNAME')[0];
    if (cname === undefined) {
      return hop === 0 ? { hops, negativeTtl: negativeTtl(answer.result) } : { hops };
    }
    hops.push({ from: name, to: cname.data, ttl: cname.ttl });
    if (seen.has(cname.data)) return { hops, loop: true };
    seen.add(cname.data);
    name = cname.data;
  }
  return { hops };
}

/** "img.example.com → cdn.example.com → bucket.oss-cn-hangzhou.aliyuncs.com" */
export function chainText(start: string, chain: ChainWalk): string {
  return [start, ...chain.hops.map((hop) => hop.to)].join(' → ');
}

/** The addresses a name resolves to (A and AAAA, CNAMEs followed by the resolver). */
export async function resolveAddresses(
  lookup: Lookup,
  resolvers: DnsServerAddress[],
  name: string,
): Promise<string[]> {
  const results = await Promise.all(
    (['A', 'AAAA'] as const).map(async (type) => {
      const { answer } = await firstAnswer(lookup, resolvers, name, type);
      return (
        answer?.result.answers.filter((record) => record.type === type).map((record) => record.data) ?? []
      );
    }),
  );
  return results.flat();
}
