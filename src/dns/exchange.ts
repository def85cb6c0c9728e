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

function aborted(server: DnsServerAddress): DnsQueryError {
  return new DnsQueryError('DNS_ABORTED', `query to ${describe(server)} abandoned`);
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

/** One request/answer exchange with one server; UDP and TCP take the same arguments. */
export type Exchange = <T>(
  server: DnsServerAddress,
  request: Buffer,
  timeoutMs: number,
  match: Matcher<T>,
  signal?: AbortSignal,
) => Promise<T>;

/** Feeds one incoming message to the exchange; true once it was the answer (or failed it). */
type Receive = (message: Buffer) => boolean;
type Fail = (error: unknown) => void;

/**
 * The part both transports share: the timer, the one settlement, and the answer `match` picks. `open`
 * creates and unrefs the socket, sends the request, wires the socket's events to `receive` and `fail`,
 * and returns how to release the socket.
 */
function exchange<T>(
  server: DnsServerAddress,
  transport: 'UDP' | 'TCP',
  timeoutMs: number,
  match: Matcher<T>,
  signal: AbortSignal | undefined,
  open: (receive: Receive, fail: Fail) => () => void,
): Promise<T> {
  if (signal?.aborted) return Promise.reject(aborted(server));
  return new Promise((resolve, reject) => {
    let release = () => {};
    const finish = settleOnce(
      timeoutMs,
      () => reject(timeout(server, transport, timeoutMs)),
      () => release(),
      { signal, onAbort: () => reject(aborted(server)) },
    );
    const fail: Fail = (error) => finish(() => reject(error));
    const receive: Receive = (message) => {
      try {
        const answer = match(message);
        if (answer === undefined) return false;
        finish(() => resolve(answer));
      } catch (error) {
        fail(error);
      }
      return true;
    };
    release = open(receive, fail);
  });
}

export const udpExchange: Exchange = (server, request, timeoutMs, match, signal) =>
  exchange(server, 'UDP', timeoutMs, match, signal, (receive, fail) => {
    const socket = createSocket(isIPv6(server.host) ? 'udp6' : 'udp4');
    socket.unref();
    socket.on('error', (error) => fail(socketFailure(error, server)));
    socket.on('message', receive);
    // A connected socket only receives datagrams from the server and reports ICMP port-unreachable.
    socket.connect(server.port, server.host, () => socket.send(request));
    return () => socket.close();
  });

export const tcpExchange: Exchange = (server, request, timeoutMs, match, signal) =>
  exchange(server, 'TCP', timeoutMs, match, signal, (receive, fail) => {
    const socket = connect({ host: server.host, port: server.port });
    socket.unref();
    const reader = new TcpFrameReader();
    socket.on('error', (error) => fail(socketFailure(error, server)));
    socket.on('close', () =>
      fail(
        new DnsQueryError(
          'DNS_BAD_RESPONSE',
          `${describe(server)} closed the TCP connection without an answer`,
        ),
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const message of reader.push(chunk)) if (receive(message)) return;
      } catch (error) {
        fail(error);
      }
    });
    socket.on('connect', () => socket.write(frame(request)));
    return () => socket.destroy();
  });
