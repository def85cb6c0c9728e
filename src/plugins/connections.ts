// Connection hygiene, so a slow or hostile client cannot hold sockets (issue F2): a request must arrive
// whole within REQUEST_TIMEOUT_MS (then 408), the server holds at most MAX_CONNECTIONS sockets, an answer
// sent before its request's body was read closes the connection (else Node would read and discard the
// rest of the body, however slowly it trickles), and parser-level refusals answer problem+json.
import { randomUUID } from 'node:crypto';
import type { ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from '../config/env-schema.ts';
import { clientErrorProblem, rawProblemResponse } from '../errors/client-errors.ts';

export type ConnectionLimits = Pick<Config, 'REQUEST_TIMEOUT_MS' | 'MAX_CONNECTIONS'>;

/** Node's default wait for a request's headers, kept unless the whole request must come sooner. */
const HEADERS_TIMEOUT_MS = 60_000;

type ConnectionOptions = Pick<FastifyServerOptions, 'requestTimeout' | 'clientErrorHandler'> & {
  http: ServerOptions;
};

export function connectionOptions(limits: ConnectionLimits): ConnectionOptions {
  return {
    requestTimeout: limits.REQUEST_TIMEOUT_MS,
    http: {
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, limits.REQUEST_TIMEOUT_MS),
      // How often Node looks for overdue requests: a timeout fires at most this late.
      connectionsCheckingInterval: Math.min(1_000, Math.max(25, Math.floor(limits.REQUEST_TIMEOUT_MS / 4))),
    },
    clientErrorHandler(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket) {
      const problem = clientErrorProblem(error.code);
      if (problem && socket.writable && !answerStarted(socket)) {
        const requestId = randomUUID();
        // Never the error itself: its rawPacket holds the request's headers, API key included.
        this.log.info({ requestId, status: problem.status, reason: error.code }, 'client error');
        socket.end(rawProblemResponse(problem, requestId), () => socket.destroy());
      } else socket.destroy();
    },
  };
}

/** Bounds the sockets and closes connections whose answer went out before their body was read. */
export function guardConnections(app: FastifyInstance, limits: ConnectionLimits): void {
  app.server.maxConnections = limits.MAX_CONNECTIONS;
  app.addHook('onSend', async (request, reply) => {
    if (!request.raw.complete) reply.header('connection', 'close');
  });
}

/** Whether a response already began on the socket: then nothing more may be written to it. */
function answerStarted(socket: Socket): boolean {
  const message = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return message?.headersSent === true;
}
