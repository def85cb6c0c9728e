// Turns one query message into one response message. Never throws: malformed queries get FORMERR,
// anything unexpected SERVFAIL, and messages that are themselves responses are dropped (no loops).

import { type Answer, type DecodedPacket, decode, encode, type OptAnswer, type Packet } from 'dns-packet';
import { normalizeName } from '../../dns/names.ts';
import { RCODES, type RcodeName } from '../../dns/rcodes.ts';
import { answerQuestion } from './answer.ts';
import type { SoaSettings } from './zone-apex.ts';
import type { DnsZoneStore } from './zone-store.ts';

const HEADER_BYTES = 12;
const QR_BIT = 0x8000;
const AA_BIT = 1 << 10;
const TC_BIT = 1 << 9;
const RD_BIT = 1 << 8;
const OPCODE_MASK = 0x7800;
type Rcode = Exclude<RcodeName, 'BADVERS'>;

/** Classic DNS UDP limit without EDNS (RFC 1035 §4.2.1). */
const UDP_PLAIN_LIMIT = 512;
/** The largest UDP answer we send even when a client advertises more (DNS flag day 2020 size). */
const UDP_EDNS_LIMIT = 1232;
const TCP_LIMIT = 65_535;

export type DnsTransport = 'udp' | 'tcp';

interface Reply {
  rcode: Rcode;
  questions: Packet['questions'];
  answers?: Answer[];
  authorities?: Answer[];
  opt?: OptAnswer | undefined;
  extraFlags?: number;
}

function build(id: number, queryFlags: number, reply: Reply): Buffer {
  const flags =
    (queryFlags & (OPCODE_MASK | RD_BIT)) | AA_BIT | RCODES[reply.rcode] | (reply.extraFlags ?? 0);
  return encode({
    id,
    type: 'response',
    flags,
    questions: reply.questions ?? [],
    answers: reply.answers ?? [],
    authorities: reply.authorities ?? [],
    additionals: reply.opt === undefined ? [] : [reply.opt],
  });
}

function ourOpt(): OptAnswer {
  return {
    name: '.',
    type: 'OPT',
    udpPayloadSize: UDP_EDNS_LIMIT,
    extendedRcode: 0,
    ednsVersion: 0,
    flags: 0,
    flag_do: false,
    options: [],
  };
}

function udpLimit(query: OptAnswer | undefined): number {
  if (query === undefined) return UDP_PLAIN_LIMIT;
  return Math.min(Math.max(query.udpPayloadSize, UDP_PLAIN_LIMIT), UDP_EDNS_LIMIT);
}

function answerDecoded(
  store: DnsZoneStore,
  query: DecodedPacket,
  transport: DnsTransport,
  settings: SoaSettings,
): Buffer {
  const id = query.id ?? 0;
  const flags = query.flags ?? 0;
  const questions = query.questions ?? [];
  const clientOpt = query.additionals?.find((record): record is OptAnswer => record.type === 'OPT');
  const opt = clientOpt === undefined ? undefined : ourOpt();
  if ((flags & OPCODE_MASK) !== 0) return build(id, flags, { rcode: 'NOTIMP', questions, opt });
  const question = questions[0];
  if (question === undefined || questions.length !== 1)
    return build(id, flags, { rcode: 'FORMERR', questions: [], opt });
  if (clientOpt !== undefined && clientOpt.ednsVersion !== 0) {
    // BADVERS (RFC 6891 §6.1.3): extended rcode 16 = OPT upper bits 1, header rcode 0.
    return build(id, flags, { rcode: 'NOERROR', questions, opt: { ...ourOpt(), extendedRcode: 1 } });
  }
  if (question.class !== 'IN' && question.class !== 'ANY')
    return build(id, flags, { rcode: 'REFUSED', questions, opt });
  let qname: string;
  try {
    qname = normalizeName(question.name);
  } catch {
    // Names this server can never hold (root, odd characters) are outside its authority.
    return build(id, flags, { rcode: 'REFUSED', questions, opt });
  }
  const owner = question.name.replace(/\.$/, '');
  const sections = answerQuestion(store, qname, question.type, owner, settings);
  const full = build(id, flags, { ...sections, questions, opt });
  const limit = transport === 'udp' ? udpLimit(clientOpt) : TCP_LIMIT;
  if (full.length <= limit) return full;
  if (transport === 'tcp') return build(id, flags, { rcode: 'SERVFAIL', questions, opt });
  // Over the UDP size: send the header and question with TC so the client retries over TCP.
  return build(id, flags, { rcode: sections.rcode, questions, opt, extraFlags: TC_BIT });
}

/** The response to a query message, or undefined when the message must be ignored. */
export function respond(
  store: DnsZoneStore,
  message: Buffer,
  transport: DnsTransport,
  settings: SoaSettings,
): Buffer | undefined {
  if (message.length < HEADER_BYTES) return undefined;
  const id = message.readUInt16BE(0);
  const flags = message.readUInt16BE(2);
  if ((flags & QR_BIT) !== 0) return undefined;
  let query: DecodedPacket;
  try {
    query = decode(message);
  } catch {
    return build(id, flags, { rcode: 'FORMERR', questions: [] });
  }
  try {
    return answerDecoded(store, query, transport, settings);
  } catch {
    return build(id, flags, { rcode: 'SERVFAIL', questions: [] });
  }
}
