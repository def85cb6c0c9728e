// The emulator's HTTP server: admin requests go to the admin API, Alidns RPC calls (x-acs-action) and
// everything else through the fault layer to the Alidns emulation or the OSS pipeline. Closing ends
// every connection, hung requests included.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorControls } from '../admin/controls.ts';
import { handleAdmin, isAdminPath } from '../admin/routes.ts';
import { injectedAlidnsError } from '../alidns/errors.ts';
import {
  type AlidnsDeps,
  alidnsAction,
  errorAnswer,
  isAlidnsRequest,
  newAlidnsRequestId,
  runAlidns,
  sendAlidns,
} from '../alidns/serve.ts';
import { injectedError } from '../faults/errors.ts';
import type { Fault, FaultRegistry } from '../faults/registry.ts';
import type { OpResult } from '../ops/context.ts';
import { type PipelineDeps, type Routed, routeRequest, runPipeline } from '../ops/pipeline.ts';
import { OssErrorReply } from '../wire/oss-error.ts';
import { type OssRequest, toOssRequest } from '../wire/request.ts';
import { entityTooLarge, internalError } from '../wire/request-errors.ts';
import { newRequestId, type ResponseMeta, sendOss, sendOssError } from '../wire/respond.ts';
import { readBody } from './read-body.ts';

export interface HttpDeps {
  pipeline: PipelineDeps;
  alidns: AlidnsDeps;
  faults: FaultRegistry;
  controls: EmulatorControls;
  /** Called after a request changed the state; resolves once it is saved. */
  persist(): Promise<void>;
  bodyLimit: number;
  log(message: string): void;
}

export interface HttpServer {
  port: number;
  close(): Promise<void>;
}

type Outcome = OpResult | OssErrorReply;

class Closing extends Error {}

export async function startHttpServer(host: string, port: number, deps: HttpDeps): Promise<HttpServer> {
  const closing = new AbortController();

  const wait = async (ms: number) => {
    try {
      await sleep(ms, undefined, { signal: closing.signal });
    } catch {
      throw new Closing();
    }
  };

  /** Applies a fault; true when the request is finished (answered, reset or left hanging). */
  const applyFault = async (fault: Fault, res: ServerResponse, answer: (status: number) => void) => {
    switch (fault.kind) {
      case 'delay':
        await wait(fault.delayMs ?? 0);
        return false;
      case 'hang':
        return true;
      case 'reset':
        res.socket?.resetAndDestroy();
        return true;
      case 'status':
        answer(fault.status ?? 500);
        return true;
    }
  };

  const runOss = async (req: OssRequest, routed: Routed): Promise<{ outcome: Outcome; changed: boolean }> => {
    const before = deps.pipeline.state.version;
    let outcome: Outcome;
    try {
      outcome = await runPipeline(req, routed, deps.pipeline);
    } catch (error) {
      if (!(error instanceof OssErrorReply))
        deps.log(`unexpected error: ${(error as Error).stack ?? String(error)}`);
      outcome = error instanceof OssErrorReply ? error : internalError();
    }
    return { outcome, changed: deps.pipeline.state.version !== before };
  };

  const serveOss = async (req: OssRequest, res: ServerResponse, meta: ResponseMeta) => {
    const hostId = req.hostname;
    const routed = routeRequest(req, deps.pipeline);
    const fault = deps.faults.take(routed.operation);
    const injected = (status: number) =>
      sendOssError(res, { ...meta, now: deps.pipeline.now() }, injectedError(status), hostId);
    if (fault?.when === 'before' && (await applyFault(fault, res, injected))) return;
    const ran = await runOss(req, routed);
    let outcome = ran.outcome;
    if (ran.changed) {
      // An answer must not claim an effect the state file does not hold.
      await deps.persist().catch((error: unknown) => {
        deps.log(`cannot save the state file: ${(error as Error).message}`);
        outcome = internalError();
      });
    }
    if (fault?.when === 'after' && (await applyFault(fault, res, injected))) return;
    const answered = { ...meta, now: deps.pipeline.now() };
    if (outcome instanceof OssErrorReply) sendOssError(res, answered, outcome, hostId);
    else sendOss(res, answered, outcome.status, outcome.body);
  };

  const serveAlidns = async (req: OssRequest, res: ServerResponse) => {
    const requestId = newAlidnsRequestId();
    const fault = deps.faults.take(alidnsAction(req));
    const injected = (status: number) => sendAlidns(res, requestId, errorAnswer(injectedAlidnsError(status)));
    if (fault?.when === 'before' && (await applyFault(fault, res, injected))) return;
    const before = deps.alidns.records.version;
    let answer = runAlidns(req, deps.alidns, deps.log);
    if (deps.alidns.records.version !== before) {
      await deps.persist().catch((error: unknown) => {
        deps.log(`cannot save the state file: ${(error as Error).message}`);
        answer = errorAnswer(injectedAlidnsError(500));
      });
    }
    if (fault?.when === 'after' && (await applyFault(fault, res, injected))) return;
    sendAlidns(res, requestId, answer);
  };

  const serveAdmin = async (req: OssRequest, res: ServerResponse) => {
    const answer = await handleAdmin(req, deps.controls);
    const payload = Buffer.from(`${JSON.stringify(answer.body)}\n`);
    res.writeHead(answer.status, {
      'Content-Type': 'application/json',
      'Content-Length': String(payload.length),
      ...answer.headers,
    });
    res.end(payload);
  };

  const handle = async (raw: IncomingMessage, res: ServerResponse) => {
    const meta: ResponseMeta = {
      requestId: newRequestId(),
      now: deps.pipeline.now(),
      startedAt: performance.now(),
    };
    const body = await readBody(raw, deps.bodyLimit);
    const req = toOssRequest(raw, body ?? Buffer.alloc(0));
    if (isAdminPath(req.path)) return serveAdmin(req, res);
    if (body === undefined) return sendOssError(res, meta, entityTooLarge(deps.bodyLimit), req.hostname);
    if (isAlidnsRequest(req)) return serveAlidns(req, res);
    return serveOss(req, res, meta);
  };

  const server: Server = createServer((raw, res) => {
    handle(raw, res).catch((error: unknown) => {
      // Closing, or a client that went away mid-request: nobody is left to answer.
      if (error instanceof Closing || raw.destroyed || res.destroyed) return;
      deps.log(`request failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('emulator error\n');
      } else {
        res.destroy();
      }
    });
  });
  // A client that vanishes mid-request must not take the emulator down.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  let closed: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        // Hung requests and idle keep-alive connections would otherwise hold close() forever.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
