// Check `txt-doubled-suffix`: DNS consoles append the zone to the host field, so typing the full name
// "_dnsauth.img.example.com" publishes _dnsauth.img.example.com.example.com, which OSS never reads.

import { isValidName, registrableParent } from '../names.ts';
import type { DnsServerAddress } from '../types.ts';
import { makeCheck, NOTHING_TO_DO } from './check.ts';
import { describeFailures, firstAnswer, type Lookup } from './lookup.ts';
import { recordsAt, relativeHost, txtRecordName } from './records.ts';
import type { CheckStatus, PreflightCheck } from './types.ts';
import type { ZoneInfo } from './zone.ts';

export interface DoubledSuffixContext {
  lookup: Lookup;
  resolvers: DnsServerAddress[];
  zone: ZoneInfo | undefined;
  domain: string;
  bound: boolean;
  /** The ownership-txt status: a stray record is harmless once the right one exists. */
  txtStatus: CheckStatus;
}

export async function checkDoubledSuffix(ctx: DoubledSuffixContext): Promise<PreflightCheck> {
  const id = 'txt-doubled-suffix';
  const zoneName = ctx.zone?.name ?? registrableParent(ctx.domain);
  const intended = txtRecordName(ctx.domain);
  const doubled = `${intended}.${zoneName}`;
  const hostToType = relativeHost(intended, zoneName);
  if (ctx.bound || !isValidName(doubled)) {
    return makeCheck(id, 'pass', `No TXT record can sit at ${doubled}.`, NOTHING_TO_DO);
  }
  const servers = ctx.zone !== undefined && ctx.zone.servers.length > 0 ? ctx.zone.servers : ctx.resolvers;
  const { answer, failures } = await firstAnswer(ctx.lookup, servers, doubled, 'TXT');
  if (answer === undefined) {
    const summary = `Could not look up ${doubled}: ${describeFailures(failures)}.`;
    return makeCheck(id, 'pending', summary, 'Check that the DNS servers are reachable, then retry.');
  }
  const values = recordsAt(answer.result, doubled, 'TXT').map((record) => record.data);
  const observed = { name: doubled, values, hostToType, server: answer.server };
  if (values.length === 0) {
    return makeCheck(id, 'pass', `No TXT record at ${doubled}.`, NOTHING_TO_DO, { observed });
  }
  const fix = `Delete the TXT record at ${doubled} and create it with host "${hostToType}": the console appends ${zoneName} itself.`;
  if (ctx.txtStatus === 'pass') {
    const summary = `A stray TXT record sits at ${doubled}; the correct one exists too.`;
    return makeCheck(id, 'pass', summary, `Optionally delete the TXT record at ${doubled}.`, { observed });
  }
  const summary = `The TXT record was published at ${doubled}: the full name was typed into a host field.`;
  return makeCheck(id, 'fail', summary, fix, { observed });
}
