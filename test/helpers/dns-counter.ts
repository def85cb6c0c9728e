import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';

// A UDP forwarder in front of the emulator's DNS server that notes when each query passed: the service
// is pointed at it (DNS_RESOLVERS and DNS_AUTHORITATIVE_PORT), so the queries a bench row or a test counts
// are counted outside the service, not by the code they check. `upstream` is read per query, so it may be
// filled in once the emulator is up.

export interface DnsCounter {
  port: number;
  /** performance.now() of every query forwarded, in order. */
  sent: number[];
  /** Queries in the window [from, to). */
  between(from: number, to: number): number;
  close(): Promise<void>;
}

export async function startDnsCounter(upstream: { host: string; port: number }): Promise<DnsCounter> {
  const front = createSocket('udp4');
  const sent: number[] = [];
  // One upstream socket per client address, so answers find their way back.
  const backs = new Map<string, Socket>();
  front.on('message', (message, client) => {
    sent.push(performance.now());
    const key = `${client.address}:${client.port}`;
    let back = backs.get(key);
    if (back === undefined) {
      const socket = createSocket('udp4');
      socket.on('message', (answer) => front.send(answer, client.port, client.address));
      socket.on('error', () => {});
      // The client's socket is gone once answered; its upstream socket goes after a while.
      setTimeout(() => {
        if (backs.get(key) !== socket) return;
        backs.delete(key);
        socket.close();
      }, 10_000).unref();
      backs.set(key, socket);
      back = socket;
    }
    back.send(message, upstream.port, upstream.host);
  });
  front.bind(0, '127.0.0.1');
  await once(front, 'listening');
  return {
    port: front.address().port,
    sent,
    between: (from, to) => sent.filter((t) => t >= from && t < to).length,
    async close() {
      for (const socket of backs.values()) socket.close();
      backs.clear();
      front.close();
      await once(front, 'close');
    },
  };
}
