// The HTTP agent webhooks are sent through. SSRF is checked when connecting, not when the URL is saved:
// every address DNS gives is checked by the lookup (so DNS rebinding meets the same rule), a literal IP
// is checked before connecting, and the connected peer is checked once more before a byte is sent.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { Socket } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { CodedError } from '../oss/coded-error.ts';
import { isForbiddenAddress, isIpLiteral } from './addresses.ts';

export class ForbiddenTargetError extends CodedError<'webhook-target-forbidden'> {
  constructor(host: string, address: string) {
    super(
      'webhook-target-forbidden',
      `${host} resolves to ${address}, an internal address webhooks may not reach`,
    );
  }
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that fails when any address of the name is forbidden. */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad !== undefined) return callback(new ForbiddenTargetError(hostname, bad.address), []);
    if (options.all === true) return callback(null, addresses);
    const first = addresses[0];
    if (first === undefined)
      return callback(Object.assign(new Error(`${hostname}: no address`), { code: 'ENOTFOUND' }), []);
    callback(null, first.address, first.family);
  });
}

export interface WebhookAgentOptions {
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: internal deployments and tests. */
  allowPrivateNetworks: boolean;
  /** The whole attempt's budget; connecting gets the same. */
  timeoutMs: number;
}

export function createWebhookAgent(options: WebhookAgentOptions): Agent {
  const timeout = options.timeoutMs;
  // undici's request() never follows redirects (that needs its redirect interceptor): a 3xx is a failure.
  if (options.allowPrivateNetworks) return new Agent({ connect: { timeout } });
  const connect = buildConnector({ timeout, lookup: guardedLookup } as buildConnector.BuildOptions);
  const guarded: buildConnector.connector = (opts, callback) => {
    if (isIpLiteral(opts.hostname) && isForbiddenAddress(opts.hostname)) {
      callback(new ForbiddenTargetError(opts.hostname, opts.hostname), null);
      return;
    }
    connect(opts, (error, socket) => {
      if (error !== null) return callback(error, null);
      const peer = (socket as Socket).remoteAddress ?? '';
      if (isForbiddenAddress(peer)) {
        socket.destroy();
        return callback(new ForbiddenTargetError(opts.hostname, peer), null);
      }
      callback(null, socket);
    });
  };
  return new Agent({ connect: guarded });
}
