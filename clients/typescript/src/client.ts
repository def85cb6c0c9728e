// A client bound to one service and one API key: every call sends the key as a bearer token, throws
// ProblemResponseError for error answers, and resolves to `{ data, response }` otherwise.

import { toProblemResponseError } from './errors.js';
import { type Client, createClient, createConfig } from './generated/client/index.js';

export type { Client };

export interface ServiceClientOptions {
  /** Where the service listens, e.g. `https://cname.internal.example.com`. */
  baseUrl: string;
  /** The API key, or a function returning it (called for every request, so keys can rotate). */
  apiKey: string | (() => string | Promise<string>);
  /** A fetch to use instead of the global one (a proxy agent, tracing, tests). */
  fetch?: typeof fetch;
  /** Headers sent with every request, e.g. `traceparent` from your tracer. */
  headers?: Record<string, string>;
}

export function createServiceClient(options: ServiceClientOptions): Client {
  const { apiKey } = options;
  const client = createClient(
    createConfig({
      baseUrl: options.baseUrl,
      // The operations accept either scheme; sending both would be two credentials, so only Bearer.
      auth: (scheme) => {
        if (scheme.scheme !== 'bearer') return undefined;
        return typeof apiKey === 'function' ? apiKey() : apiKey;
      },
      throwOnError: true,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    }),
  );
  // Network failures (no response) pass through unchanged: they are not answers from the service.
  client.interceptors.error.use((error, response) =>
    response ? toProblemResponseError(error, response) : error,
  );
  return client;
}
