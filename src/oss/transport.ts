import { Pool } from 'undici';
import {
  OssAbortedError,
  OssError,
  OssNetworkError,
  OssResponseTooLargeError,
  OssTimeoutError,
} from './errors.ts';
import type { BuiltRequest } from './request.ts';
import type { OssHttpResponse } from './response.ts';

// One undici Pool per origin (virtual-hosted style means one origin per bucket), kept alive between calls.
// Redirects are never followed: a Pool does not follow them, and OSS redirects (301 to another endpoint)
// surface as errors the caller can read. Bodies are read into memory with a hard size limit.

export interface TransportOptions {
  connectTimeoutMs: number;
  /** Limit for the response headers to arrive and, separately, for each gap while reading the body. */
  readTimeoutMs: number;
  maxResponseBytes: number;
  /** Connections per origin. */
  connections?: number | undefined;
  keepAliveTimeoutMs?: number | undefined;
}

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
  connectTimeoutMs: 5_000,
  readTimeoutMs: 20_000,
  maxResponseBytes: 1024 * 1024,
  connections: 50,
  keepAliveTimeoutMs: 30_000,
};

/** Errors raised before any request byte could have been written. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

/** The system or undici code of a failed request (`ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`, …). */
export function networkErrorCode(err: unknown): string | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Happy-eyeballs connects report an AggregateError of per-address failures.
  const inner = (err as { errors?: unknown }).errors;
  return Array.isArray(inner) ? networkErrorCode(inner[0]) : undefined;
}

function headerRecord(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export class Transport {
  readonly options: TransportOptions;
  readonly #pools = new Map<string, Pool>();
  #closed = false;

  constructor(options: { [K in keyof TransportOptions]?: TransportOptions[K] | undefined } = {}) {
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.options = { ...DEFAULT_TRANSPORT_OPTIONS, ...given };
  }

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connections ?? null,
        connect: { timeout: this.options.connectTimeoutMs },
        keepAliveTimeout: this.options.keepAliveTimeoutMs,
        headersTimeout: this.options.readTimeoutMs,
        bodyTimeout: this.options.readTimeoutMs,
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }

  #mapError(err: unknown, operation: string, signal: AbortSignal | undefined): OssError {
    if (err instanceof OssError) return err;
    if (signal?.aborted) return new OssAbortedError(operation, signal.reason);
    const code = networkErrorCode(err);
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new OssTimeoutError('ConnectTimeout', operation, this.options.connectTimeoutMs, err);
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new OssTimeoutError('ReadTimeout', operation, this.options.readTimeoutMs, err);
    }
    return new OssNetworkError(operation, !(code !== undefined && NOT_SENT_CODES.has(code)), err);
  }

  /** Sends one attempt and reads the whole response. Throws OssError subclasses only. */
  async send(req: BuiltRequest, signal?: AbortSignal): Promise<OssHttpResponse> {
    if (this.#closed) throw new OssError('ClientClosed', `${req.operation}: the OSS client is closed`);
    const limit = this.options.maxResponseBytes;
    let res: Awaited<ReturnType<Pool['request']>>;
    try {
      res = await this.#pool(req.origin).request({
        path: req.target,
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal,
      });
    } catch (err) {
      throw this.#mapError(err, req.operation, signal);
    }
    const headers = headerRecord(res.headers);
    try {
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > limit)
        throw new OssResponseTooLargeError(req.operation, limit);
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of res.body) {
        total += (chunk as Buffer).length;
        if (total > limit) throw new OssResponseTooLargeError(req.operation, limit);
        chunks.push(chunk as Buffer);
      }
      return { status: res.statusCode, headers, body: Buffer.concat(chunks, total) };
    } catch (err) {
      res.body.destroy();
      throw this.#mapError(err, req.operation, signal);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((p) => p.close()));
  }
}
