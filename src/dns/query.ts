// A small stub client: one question to one server, UDP with a timeout and one retry, TCP when the UDP
// answer is truncated. Random ids and question matching keep stray or spoofed datagrams out.

import { randomInt } from 'node:crypto';
import { type Answer, type DecodedPacket, decode, encode, type OptAnswer } from 'dns-packet';
import { tcpExchange, udpExchange } from './exchange.ts';
import { normalizeName } from './names.ts';
import { DnsQueryError } from './query-error.ts';
import { rcodeName } from './rcodes.ts';
import type { DnsQueryResult, DnsQueryType, DnsServerAddress } from './types.ts';
import { fromWireAnswer } from './wire-records.ts';

export { DnsQueryError } from './query-error.ts';

export interface DnsQueryOptions {
  server: DnsServerAddress;
  /** Per attempt, in milliseconds; default 2000. */
  timeoutMs?: number;
  /** UDP attempts before giving up on timeouts; default 2 (one retry). */
  udpAttempts?: number;
  /** Advertise EDNS with this UDP payload size; plain 512-byte DNS when omitted. */
  ednsUdpSize?: number;
  /** Abandons the query (closing its socket) when aborted; it then throws DNS_ABORTED. */
  signal?: AbortSignal | undefined;
}

const RD_BIT = 1 << 8;

function request(id: number, name: string, type: DnsQueryType, ednsUdpSize: number | undefined): Buffer {
  const additionals: Answer[] = [];
  if (ednsUdpSize !== undefined) {
    additionals.push({
      name: '.',
      type: 'OPT',
      udpPayloadSize: ednsUdpSize,
      extendedRcode: 0,
      ednsVersion: 0,
      flags: 0,
      flag_do: false,
      options: [],
    });
  }
  return encode({ id, type: 'query', flags: RD_BIT, questions: [{ name, type, class: 'IN' }], additionals });
}

/** Accepts the answer to our id and question; a matching id that does not decode fails the query. */
function matcher(
  id: number,
  name: string,
  type: DnsQueryType,
): (message: Buffer) => DecodedPacket | undefined {
  return (message) => {
    if (message.length < 2 || message.readUInt16BE(0) !== id) return undefined;
    let packet: DecodedPacket;
    try {
      packet = decode(message);
    } catch (error) {
      throw new DnsQueryError('DNS_BAD_RESPONSE', `undecodable answer for ${name} ${type}`, { cause: error });
    }
    if (packet.type !== 'response') return undefined;
    const question = packet.questions?.[0];
    // FORMERR/NOTIMP answers may omit the question; anything else must echo ours.
    if (question === undefined) return packet;
    const sameName = question.name.toLowerCase().replace(/\.$/, '') === name;
    return sameName && question.type === type ? packet : undefined;
  };
}

function rcodeOf(packet: DecodedPacket): string {
  const opt = packet.additionals?.find((record): record is OptAnswer => record.type === 'OPT');
  return rcodeName(((opt?.extendedRcode ?? 0) << 4) | ((packet.flags ?? 0) & 0xf));
}

function toResult(packet: DecodedPacket, transport: 'udp' | 'tcp'): DnsQueryResult {
  const records = (list: Answer[] | undefined) =>
    (list ?? []).filter((a) => a.type !== 'OPT').map(fromWireAnswer);
  return {
    rcode: rcodeOf(packet),
    authoritative: packet.flag_aa,
    answers: records(packet.answers),
    authorities: records(packet.authorities),
    transport,
  };
}

async function overUdp(
  name: string,
  type: DnsQueryType,
  opts: DnsQueryOptions,
  timeoutMs: number,
): Promise<DecodedPacket> {
  const attempts = Math.max(1, opts.udpAttempts ?? 2);
  for (let attempt = 1; ; attempt++) {
    const id = randomInt(0x1_0000);
    try {
      return await udpExchange(
        opts.server,
        request(id, name, type, opts.ednsUdpSize),
        timeoutMs,
        matcher(id, name, type),
        opts.signal,
      );
    } catch (error) {
      if (!(error instanceof DnsQueryError) || error.code !== 'DNS_TIMEOUT' || attempt >= attempts)
        throw error;
    }
  }
}

/** Asks one server one question; throws DnsQueryError on timeouts, unreachable servers or bad answers. */
export async function queryDns(
  name: string,
  type: DnsQueryType,
  opts: DnsQueryOptions,
): Promise<DnsQueryResult> {
  let qname: string;
  try {
    qname = normalizeName(name);
  } catch (error) {
    throw new DnsQueryError('DNS_INVALID_NAME', (error as Error).message, { cause: error });
  }
  const timeoutMs = opts.timeoutMs ?? 2000;
  const udp = await overUdp(qname, type, opts, timeoutMs);
  if (!udp.flag_tc) return toResult(udp, 'udp');
  const id = randomInt(0x1_0000);
  const tcp = await tcpExchange(
    opts.server,
    request(id, qname, type, undefined),
    timeoutMs,
    matcher(id, qname, type),
    opts.signal,
  );
  return toResult(tcp, 'tcp');
}
