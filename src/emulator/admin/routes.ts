// The admin API under /_emulator/ (no bucket name can start with "_"): JSON in, JSON out, 400 with a
// message for bad input, 404/405 for unknown paths and methods.

import { safeDecode } from '../../oss/signer/index.ts';
import type { FaultInput } from '../faults/registry.ts';
import type { OssRequest } from '../wire/request.ts';
import { queryValue } from '../wire/request.ts';
import type { EmulatorControls } from './controls.ts';
import { AdminInputError, clockInputSchema, type DnsRecordInput, parseInput } from './schemas.ts';

const ADMIN_PREFIX = '/_emulator';

export interface AdminResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function isAdminPath(path: string): boolean {
  return path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);
}

function json(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new AdminInputError(`the body is not JSON: ${(error as Error).message}`);
  }
}

function methodNotAllowed(allowed: string[]): AdminResponse {
  return {
    status: 405,
    body: { error: `method not allowed; use ${allowed.join(', ')}` },
    headers: { Allow: allowed.join(', ') },
  };
}

type Route = Record<string, () => Promise<AdminResponse> | AdminResponse>;

function dispatch(method: string, route: Route): Promise<AdminResponse> | AdminResponse {
  const handler = route[method];
  return handler ? handler() : methodNotAllowed(Object.keys(route));
}

function routes(req: OssRequest, controls: EmulatorControls, segments: string[]): Route | undefined {
  const [first, second, ...rest] = segments;
  if (first === 'health' && second === undefined) {
    return { GET: () => ({ status: 200, body: { status: 'ok', now: controls.state().now } }) };
  }
  if (first === 'dns' && second !== undefined && rest.length === 0) {
    const name = second;
    const records = () => ({
      status: 200,
      body: { name, records: controls.state().dns.find((e) => e.name === name.toLowerCase())?.records ?? [] },
    });
    return {
      GET: records,
      // The controls validate the body; the cast only names what they expect.
      PUT: async () => {
        await controls.setDnsRecord(name, json(req.body) as DnsRecordInput);
        return records();
      },
      DELETE: async () => ({
        status: 200,
        body: { deleted: await controls.deleteDnsRecord(name, queryValue(req.query, 'type')) },
      }),
    };
  }
  if (first === 'clock' && second === undefined) {
    const clock = () => {
      const view = controls.state();
      return { status: 200, body: { offsetSeconds: view.clockOffsetSeconds, now: view.now } };
    };
    return {
      GET: clock,
      POST: async () => {
        const { offsetSeconds } = parseInput(clockInputSchema, json(req.body));
        await controls.setClockOffset(offsetSeconds);
        return clock();
      },
    };
  }
  if (first === 'faults' && second === undefined) {
    return {
      GET: () => ({ status: 200, body: { faults: controls.state().faults } }),
      POST: () => ({ status: 201, body: controls.addFault(json(req.body) as FaultInput) }),
      DELETE: () => ({ status: 200, body: { cleared: controls.clearFaults() } }),
    };
  }
  if (first === 'reset' && second === undefined) {
    return {
      POST: async () => {
        await controls.reset();
        return { status: 200, body: { reset: true } };
      },
    };
  }
  if (first === 'state' && second === undefined)
    return { GET: () => ({ status: 200, body: controls.state() }) };
  return undefined;
}

/** A web page the developer visits can send simple cross-origin requests (text/plain POSTs, no preflight)
 *  to localhost: changes need a JSON body type, which such a request cannot carry, and no foreign Origin. */
function crossSiteRefusal(req: OssRequest): AdminResponse | undefined {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const origin = req.headers.get('origin');
  if (origin !== undefined && hostOf(origin) !== req.headers.get('host')) {
    return { status: 403, body: { error: `requests from origin ${origin} are refused` } };
  }
  const type = req.headers.get('content-type') ?? '';
  if ((req.method === 'POST' || req.method === 'PUT') && !/^application\/json\s*(;|$)/i.test(type)) {
    return { status: 415, body: { error: 'send Content-Type: application/json' } };
  }
  return undefined;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

export async function handleAdmin(req: OssRequest, controls: EmulatorControls): Promise<AdminResponse> {
  const refused = crossSiteRefusal(req);
  if (refused) return refused;
  const segments = req.path.slice(ADMIN_PREFIX.length).split('/').filter(Boolean).map(safeDecode);
  const route = routes(req, controls, segments);
  if (!route) return { status: 404, body: { error: `no admin endpoint ${req.method} ${req.path}` } };
  try {
    return await dispatch(req.method, route);
  } catch (error) {
    if (error instanceof AdminInputError) return { status: 400, body: { error: error.message } };
    throw error;
  }
}
