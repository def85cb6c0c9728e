// The emulator's authoritative DNS server: UDP and TCP on one port, answers from a DnsZoneStore.

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, isIPv6, type Socket, type Server as TcpServer } from 'node:net';
import { frame, TcpFrameReader } from '../../dns/tcp-frames.ts';
import type { DnsServerAddress } from '../../dns/types.ts';
import { respond } from './respond.ts';
import type { SoaSettings } from './zone-apex.ts';
import { DnsZoneStore } from './zone-store.ts';

export interface DnsServer {
  address: DnsServerAddress;
  store: DnsZoneStore;
  close(): Promise<void>;
}

export interface DnsServerOptions {
  host?: string;
  /** 0 (default) picks a port that is free for both UDP and TCP. */
  port?: number;
  store?: DnsZoneStore;
  /** Seconds resolvers may cache negative answers (SOA TTL and MINIMUM); default 60. */
  negativeTtl?: number;
  /** Idle TCP connections are closed after this many milliseconds; default 10 000. */
  tcpIdleMs?: number;
}

/** With port 0 the UDP port may be taken for TCP by someone else; a few fresh tries settle it. */
const PORT_ATTEMPTS = 20;

function bindUdp(host: string, port: number): Promise<UdpSocket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

function listenTcp(server: TcpServer, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeUdp(socket: UdpSocket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}

/** Binds UDP first (port 0 → a free one), then TCP on the same number; retries when TCP collides. */
async function bindBoth(
  host: string,
  port: number,
  makeTcp: () => TcpServer,
): Promise<{ udp: UdpSocket; tcp: TcpServer }> {
  for (let attempt = 1; ; attempt++) {
    const udp = await bindUdp(host, port);
    const tcp = makeTcp();
    try {
      await listenTcp(tcp, host, udp.address().port);
      return { udp, tcp };
    } catch (error) {
      await closeUdp(udp);
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (port !== 0 || !inUse || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

export async function startDnsServer(opts: DnsServerOptions = {}): Promise<DnsServer> {
  const host = opts.host ?? '127.0.0.1';
  const store = opts.store ?? new DnsZoneStore();
  const settings: SoaSettings = { negativeTtl: opts.negativeTtl ?? 60 };
  const idleMs = opts.tcpIdleMs ?? 10_000;
  const connections = new Set<Socket>();

  const serveTcp = (connection: Socket): void => {
    connections.add(connection);
    connection.setTimeout(idleMs, () => connection.destroy());
    connection.on('close', () => connections.delete(connection));
    // A client that resets mid-answer must not take the server down.
    connection.on('error', () => connection.destroy());
    const reader = new TcpFrameReader();
    connection.on('data', (chunk: Buffer) => {
      for (const message of reader.push(chunk)) {
        const response = respond(store, message, 'tcp', settings);
        if (response !== undefined) connection.write(frame(response));
      }
    });
  };

  const { udp, tcp } = await bindBoth(host, opts.port ?? 0, () => createServer(serveTcp));
  udp.on('message', (message, peer) => {
    const response = respond(store, message, 'udp', settings);
    if (response !== undefined) udp.send(response, peer.port, peer.address);
  });
  // Sending to a vanished client can fail (ICMP unreachable); the server keeps serving others.
  udp.on('error', () => {});

  let closing: Promise<void> | undefined;
  return {
    address: { host, port: udp.address().port },
    store,
    close() {
      closing ??= (async () => {
        for (const connection of connections) connection.destroy();
        await Promise.all([closeUdp(udp), new Promise<void>((resolve) => tcp.close(() => resolve()))]);
      })();
      return closing;
    },
  };
}
