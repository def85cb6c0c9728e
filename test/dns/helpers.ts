// Raw-wire helpers for the DNS tests: ask over a chosen transport and see the decoded packet, and a
// UDP socket that counts queries but never answers.

import { createSocket, type Socket } from 'node:dgram';
import { type DecodedPacket, decode, encode, type Packet } from 'dns-packet';
import { tcpExchange, udpExchange } from '../../src/dns/exchange.ts';
import type { DnsServerAddress } from '../../src/dns/types.ts';

export type Transport = 'udp' | 'tcp';

let nextId = 1;

/** Sends a raw message and resolves with the first reply carrying the same id, decoded. */
export function exchangeRaw(
  server: DnsServerAddress,
  transport: Transport,
  message: Buffer,
): Promise<DecodedPacket> {
  const id = message.length >= 2 ? message.readUInt16BE(0) : 0;
  const match = (reply: Buffer) => (reply.readUInt16BE(0) === id ? decode(reply) : undefined);
  const exchange = transport === 'udp' ? udpExchange : tcpExchange;
  return exchange(server, message, 2000, match);
}

/** Asks one question (optionally with extra packet fields such as an OPT record) over a transport. */
export function ask(
  server: DnsServerAddress,
  transport: Transport,
  name: string,
  type: string,
  extra: Partial<Packet> = {},
): Promise<DecodedPacket> {
  nextId = (nextId % 0xffff) + 1;
  const packet = encode({
    id: nextId,
    type: 'query',
    flags: 1 << 8,
    questions: [{ name, type: type as 'A', class: 'IN' }],
    ...extra,
  });
  return exchangeRaw(server, transport, packet);
}

/** The rcode of a decoded packet (dns-packet decodes it but its types omit the field). */
export function rcode(packet: DecodedPacket): string {
  return (packet as DecodedPacket & { rcode: string }).rcode;
}

export interface SilentServer {
  address: DnsServerAddress;
  received: Buffer[];
  close(): Promise<void>;
}

/** A UDP socket on 127.0.0.1 that records every datagram and answers none. */
export function silentUdpServer(): Promise<SilentServer> {
  return new Promise((resolve) => {
    const socket: Socket = createSocket('udp4');
    const received: Buffer[] = [];
    socket.on('message', (message) => received.push(message));
    socket.bind(0, '127.0.0.1', () => {
      resolve({
        address: { host: '127.0.0.1', port: socket.address().port },
        received,
        close: () => new Promise((done) => socket.close(() => done())),
      });
    });
  });
}

/** A UDP server that answers every query with the given rcode and nothing else. */
export function rcodeServer(rcodeValue: number): Promise<SilentServer> {
  return new Promise((resolve) => {
    const socket: Socket = createSocket('udp4');
    const received: Buffer[] = [];
    socket.on('message', (message, peer) => {
      received.push(message);
      const query = decode(message);
      const reply = encode({
        id: query.id ?? 0,
        type: 'response',
        flags: rcodeValue,
        questions: query.questions ?? [],
      });
      socket.send(reply, peer.port, peer.address);
    });
    socket.bind(0, '127.0.0.1', () => {
      resolve({
        address: { host: '127.0.0.1', port: socket.address().port },
        received,
        close: () => new Promise((done) => socket.close(() => done())),
      });
    });
  });
}
