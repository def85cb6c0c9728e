// Request ids: a caller's (or proxy's) X-Request-Id is kept when it is sane, so one id follows a request
// across systems; anything else is replaced by a UUID so log lines stay parseable and bounded.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { API_KEY_PREFIX } from '../auth/api-key.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(request: IncomingMessage): string {
  const header = request.headers[REQUEST_ID_HEADER];
  return typeof header === 'string' && SANE_ID.test(header) && !keyShaped(header) ? header : randomUUID();
}

/** A key pasted into the wrong header would be echoed and logged in clear: the id binds every log line
 *  of the request, and bindings are not scrubbed (a scrubbed id would no longer find its lines). */
function keyShaped(id: string): boolean {
  return id.toLowerCase().includes(API_KEY_PREFIX);
}
