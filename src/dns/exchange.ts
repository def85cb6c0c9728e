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

function aborted(server: DnsServerAddress): DnsQueryError {
  return new DnsQueryError('DNS_ABORTED', `query to ${describe(server)} abandoned`);
}

function timeout(server: DnsServerAddress, transport: string, ms: number): DnsQueryError {
  return new DnsQueryError('DNS_TIMEOUT', `no ${transport} answer from ${describe(server)} within ${ms} ms`);
}

/**
 * Settles an exchange once: the first outcome clears the timer and releases the socket. An aborted
 * `signal` (a pre-flight past its budget) settles it at once, so no socket outlives the caller's interest
 * (issue 19, F5); timer and socket are unref'd besides, so none holds the process open at shutdown.
 */
function settleOnce(
  timeoutMs: number,
  onTimeout: () => void,
  release: () => void,
  abort: { signal: AbortSignal | undefined; onAbort: () => void },
) {
  let settled = false;
  const onAbort = () => finish(abort.onAbort);
  const finish = (settle: () => void): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    abort.signal?.removeEventListener('abort', onAbort);
    release();
    settle();
  };
  const timer = setTimeout(() => finish(onTimeout), timeoutMs);
  timer.unref();
  abort.signal?.addEventListener('abort', onAbort, { once: true });
  return finish;
}

export function udpExchange<T>(
  server: DnsServerAddress,
  request: Buffer,
  timeoutMs: number,
  match: Matcher<T>,
  signal?: AbortSignal,
): Promise<T> {
  if (signal?.aborted) return Promise.reject(aborted(server));
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(server.host) ? 'udp6' : 'udp4');
    socket.unref();
    const finish = settleOnce(
      timeoutMs,
      () => reject(timeout(server, 'UDP', timeoutMs)),
      () => socket.close(),
      { signal, onAbort: () => reject(aborted(server)) },
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
  signal?: AbortSignal,
): Promise<T> {
  if (signal?.aborted) return Promise.reject(aborted(server));
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server.host, port: server.port });
    socket.unref();
    const reader = new TcpFrameReader();
    const finish = settleOnce(
      timeoutMs,
      () => reject(timeout(server, 'TCP', timeoutMs)),
      () => socket.destroy(),
      { signal, onAbort: () => reject(aborted(server)) },
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
