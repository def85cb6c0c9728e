// One request/response exchange with one server over UDP or TCP. The caller's `match` decides which
// incoming message is the answer (id and question) and may throw to fail the exchange.

import { createSocket } from 'node:dgram';
import { connect, isIPv6 } from 'node:net';
import { DnsQueryError } from './query-error.ts';
import { frame, TcpFrameReader } from './tcp-frames.ts';
import type { DnsServerAddress } from './types.ts';

/** Returns the decoded answer, or undefined to keep waiting (a stray or spoofed message). */
export type Matcher<T> = (message: Buffer) => T | undefined;

function describe(server: DnsServerAddress): string {
  return isIPv6(server.host) ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

function socketFailure(error: unknown, server: DnsServerAddress): DnsQueryError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new DnsQueryError('DNS_UNREACHABLE', `DNS server ${describe(server)} unreachable (${code})`, {
    cause: error,
  });
}

function timeout(server: DnsServerAddress, transport: string, ms: number): DnsQueryError {
  return new DnsQueryError('DNS_TIMEOUT', `no ${transport} answer from ${describe(server)} within ${ms} ms`);
}

/**
 * Settles an exchange once: the first outcome clears the timer and releases the socket. Timer and socket
 * are unref'd (see the callers), so a lookup a caller gave up on (a pre-flight past its budget) never holds
 * the process open at shutdown.
 */
function settleOnce(timeoutMs: number, onTimeout: () => void, release: () => void) {
  let settled = false;
  const finish = (settle: () => void): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    release();
    settle();
  };
  const timer = setTimeout(() => finish(onTimeout), timeoutMs);
  timer.unref();
  return finish;
}

export function udpExchange<T>(
  server: DnsServerAddress,
  request: Buffer,
  timeoutMs: number,
  match: Matcher<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(server.host) ? 'udp6' : 'udp4');
    socket.unref();
    const finish = settleOnce(
      timeoutMs,
      () => reject(timeout(server, 'UDP', timeoutMs)),
      () => socket.close(),
    );
    socket.on('error', (error) => finish(() => reject(socketFailure(error, server))));
    socket.on('message', (message) => {
      try {
        const answer = match(message);
        if (answer !== undefined) finish(() => resolve(answer));
      } catch (error) {
        finish(() => reject(error));
      }
    });
    // A connected socket only receives datagrams from the server and reports ICMP port-unreachable.
    socket.connect(server.port, server.host, () => socket.send(request));
  });
}

export function tcpExchange<T>(
  server: DnsServerAddress,
  request: Buffer,
  timeoutMs: number,
  match: Matcher<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server.host, port: server.port });
    socket.unref();
    const reader = new TcpFrameReader();
    const finish = settleOnce(
      timeoutMs,
      () => reject(timeout(server, 'TCP', timeoutMs)),
      () => socket.destroy(),
    );
    socket.on('error', (error) => finish(() => reject(socketFailure(error, server))));
    socket.on('close', () =>
      finish(() =>
        reject(
          new DnsQueryError(
            'DNS_BAD_RESPONSE',
            `${describe(server)} closed the TCP connection without an answer`,
          ),
        ),
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const message of reader.push(chunk)) {
          const answer = match(message);
          if (answer !== undefined) return finish(() => resolve(answer));
        }
      } catch (error) {
        finish(() => reject(error));
      }
    });
    socket.on('connect', () => socket.write(frame(request)));
  });
}
