// What Node's HTTP parser refuses before Fastify sees a request (headers too large, malformed request
// line, a request that did not arrive in time) as the same problem+json every other answer is. Written
// on the raw socket, so it is built by hand: status line, a few headers, the body, then close.
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE, type ProblemError, problem } from './problem.ts';
import { problemBody } from './problem-body.ts';

const HEADERS_TOO_LARGE = problem(
  'headers-too-large',
  'The request headers exceed the size limit; send fewer or shorter headers.',
);

const REQUEST_TIMEOUT = problem(
  'request-timeout',
  'The request did not arrive in time; send it again, with its whole body at once.',
);

const MALFORMED = problem(
  'bad-request',
  'The request is not valid HTTP/1.1; check the request line and headers.',
);

/** The problem for a Node `clientError`, or undefined when nothing should be written (a reset peer). */
export function clientErrorProblem(code: unknown): ProblemError | undefined {
  if (code === 'ECONNRESET' || code === 'EPIPE') return undefined;
  if (code === 'HPE_HEADER_OVERFLOW') return HEADERS_TOO_LARGE;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return REQUEST_TIMEOUT;
  return MALFORMED;
}

/** The whole HTTP/1.1 response, closing the connection: after a parse error the stream cannot be trusted. */
export function rawProblemResponse(problem: ProblemError, requestId: string): string {
  const body = JSON.stringify(problemBody(problem, { requestId }));
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
