// One Alidns RPC call on the emulator's HTTP port (a request carrying `x-acs-action`): version and
// action, signature, RAM denial, then the action; answered as Alidns answers, JSON with a RequestId.

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { DnsZoneStore } from '../dns/zone-store.ts';
import type { OperationName } from '../operations.ts';
import type { EmulatorState } from '../state/store.ts';
import type { OssRequest } from '../wire/request.ts';
import { type ActionContext, addDomainRecord, deleteDomainRecord, describeDomainRecords } from './actions.ts';
import { AlidnsApiError, forbiddenRam, internalError, invalidVersion, unknownAction } from './errors.ts';
import type { AlidnsRecordStore } from './records.ts';
import { type NonceCache, verifyAlidnsRequest } from './verify.ts';

export const ALIDNS_VERSION = '2015-01-09';
const ALIDNS_HOST_ID = 'alidns.aliyuncs.com';

const ACTIONS = {
  AddDomainRecord: addDomainRecord,
  DeleteDomainRecord: deleteDomainRecord,
  DescribeDomainRecords: describeDomainRecords,
} satisfies Partial<Record<OperationName, (ctx: ActionContext) => Record<string, unknown>>>;

type AlidnsAction = keyof typeof ACTIONS;

export interface AlidnsDeps {
  state: EmulatorState;
  records: AlidnsRecordStore;
  zone: DnsZoneStore;
  nonces: NonceCache;
  now(): number;
}

export interface AlidnsAnswer {
  status: number;
  body: Record<string, unknown>;
}

export function isAlidnsRequest(req: OssRequest): boolean {
  return req.headers.get('x-acs-action') !== undefined;
}

/** The action named by the request, when it is one the emulator knows (faults are keyed by it). */
export function alidnsAction(req: OssRequest): AlidnsAction | undefined {
  const action = req.headers.get('x-acs-action');
  return action !== undefined && Object.hasOwn(ACTIONS, action) ? (action as AlidnsAction) : undefined;
}

/** Query parameters, and form parameters when the body is a form (the SDK sends both ways). */
function parameters(req: OssRequest): Map<string, string> {
  const params = new Map(req.query);
  if (req.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.set(k, v);
  }
  return params;
}

function run(req: OssRequest, deps: AlidnsDeps): Record<string, unknown> {
  if (req.headers.get('x-acs-version') !== ALIDNS_VERSION) throw invalidVersion();
  const action = alidnsAction(req);
  if (!action) throw unknownAction();
  const now = deps.now();
  const caller = verifyAlidnsRequest(deps.state, deps.nonces, req, now);
  if (caller.key.deniedActions?.includes(action)) throw forbiddenRam();
  const domains = new Map((deps.state.seed.dnsDomains ?? []).map((d) => [d.name.toLowerCase(), d]));
  return ACTIONS[action]({
    records: deps.records,
    zone: deps.zone,
    domains,
    caller,
    params: parameters(req),
    now,
  });
}

export function runAlidns(req: OssRequest, deps: AlidnsDeps, log: (m: string) => void): AlidnsAnswer {
  try {
    return { status: 200, body: run(req, deps) };
  } catch (error) {
    if (error instanceof AlidnsApiError) return errorAnswer(error);
    log(`unexpected Alidns error: ${(error as Error).stack ?? String(error)}`);
    return errorAnswer(internalError());
  }
}

export function errorAnswer(error: AlidnsApiError): AlidnsAnswer {
  return { status: error.status, body: { Code: error.code, Message: error.message } };
}

export function newAlidnsRequestId(): string {
  return randomUUID().toUpperCase();
}

export function sendAlidns(res: ServerResponse, requestId: string, answer: AlidnsAnswer): void {
  const body =
    answer.status < 400
      ? { RequestId: requestId, ...answer.body }
      : {
          RequestId: requestId,
          HostId: ALIDNS_HOST_ID,
          ...answer.body,
          Recommend: `https://api.aliyun.com/troubleshoot?q=${String(answer.body.Code)}&product=Alidns&requestId=${requestId}`,
        };
  const text = JSON.stringify(body);
  res.writeHead(answer.status, {
    'Content-Type': 'application/json;charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'x-acs-request-id': requestId,
  });
  res.end(text);
}
