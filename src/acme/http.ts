// acme-client talks through one shared axios instance. Two things are bent here, only for the origins of
// directories we opened: TLS trusts that directory's extra CA (ACME_CA_FILE) and nothing else changes for
// other hosts; and an ACME problem document becomes an AcmeProblem carrying its type and Retry-After
// instead of a bare message. The library's own retries (which sleep through Retry-After, hours for a
// Let's Encrypt rate limit) are turned off: every step fails fast and the caller reschedules it.

import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import acme from 'acme-client';
import { AcmeProblem } from './problem.ts';

const agents = new Map<string, Agent | undefined>();
const caOf = new Map<string, string | undefined>();
let installed = false;

/** Registers a directory's origin; with caPem its TLS trusts that CA in addition to the system's. */
export function registerDirectory(directoryUrl: string, caPem?: string): void {
  const origin = new URL(directoryUrl).origin;
  install();
  // Every open of the same directory lands here; its sockets may be busy with another replica's call.
  if (agents.has(origin) && caOf.get(origin) === caPem) return;
  const agent = caPem === undefined ? undefined : new Agent({ ca: withSystemRoots(caPem), keepAlive: true });
  agents.get(origin)?.destroy();
  agents.set(origin, agent);
  caOf.set(origin, caPem);
}

function withSystemRoots(caPem: string): string[] {
  // `ca` replaces the default trust store; keep the public roots so a real directory still verifies.
  return [...rootCertificates, caPem];
}

function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** acme-client's own setting (untyped): how many times it retries 429 and 5xx answers. */
function maxLibraryAttempts(): number {
  const settings = (acme.axios.defaults as { acmeSettings?: { retryMaxAttempts?: number } }).acmeSettings;
  return settings?.retryMaxAttempts ?? 5;
}

function install(): void {
  if (installed) return;
  installed = true;
  acme.axios.interceptors.request.use((config) => {
    const origin = originOf(config.url);
    if (origin === undefined || !agents.has(origin)) return config;
    const agent = agents.get(origin);
    if (agent !== undefined) config.httpsAgent = agent;
    // The library counts attempts up from this value; at its maximum it never sleeps and retries.
    (config as { retryAttempt?: number }).retryAttempt = maxLibraryAttempts();
    return config;
  });
  acme.axios.interceptors.response.use((response) => {
    if (!agents.has(originOf(response.config.url) ?? '')) return response;
    const problem = AcmeProblem.fromResponse(response.status, response.headers, response.data);
    // badNonce is retried by the library itself with the fresh nonce of this answer.
    if (problem !== undefined && problem.type !== 'badNonce') throw problem;
    return response;
  });
  // A failure without a response (refused, TLS) must not reach the library's handler once its retries
  // are spent: that handler then reads `undefined.config` and the real cause is lost. Ours goes first and
  // turns it into an AcmeProblem, which carries no `config` and so passes the library's handler untouched.
  acme.axios.interceptors.response.use(undefined, (error: unknown) => {
    const { config, response } = (error ?? {}) as { config?: { url?: string }; response?: unknown };
    if (response === undefined && config !== undefined && agents.has(originOf(config.url) ?? '')) {
      throw AcmeProblem.fromNetworkError(error);
    }
    throw error;
  });
  const manager = acme.axios.interceptors.response as unknown as { handlers?: unknown[] };
  if (Array.isArray(manager.handlers)) manager.handlers.unshift(manager.handlers.pop());
}
