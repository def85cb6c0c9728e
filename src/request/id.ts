// Request ids: a caller's (or proxy's) X-Request-Id is kept when it is sane, so one id follows a request
// across systems; anything else is replaced by a UUID so log lines stay parseable and bounded.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(request: IncomingMessage): string {
  const header = request.headers[REQUEST_ID_HEADER];
  return typeof header === 'string' && SANE_ID.test(header) ? header : randomUUID();
}
