// Sends one signed request over a kept-alive undici Pool and turns the answer into JSON or an
// AlidnsError. Alidns answers every error as JSON `{RequestId, Code, Message, Recommend?, HostId}`.

import { Pool } from 'undici';
import { networkErrorCode } from '../oss/index.ts';
import { AlidnsBadResponseError, AlidnsError, AlidnsNetworkError, AlidnsServiceError } from './errors.ts';
import type { SignedAlidnsRequest } from './request.ts';

export interface TransportOptions {
  connectTimeoutMs: number;
  /** For the headers to arrive and for each gap while reading the body. */
  readTimeoutMs: number;
  maxResponseBytes: number;
}

/** Errors raised before any request byte could have been written. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function networkError(action: string, err: unknown): AlidnsError {
  if (err instanceof AlidnsError) return err;
  const code = networkErrorCode(err);
  const sent = !(code !== undefined && (NOT_SENT.has(code) || code === 'UND_ERR_CONNECT_TIMEOUT'));
  return new AlidnsNetworkError(action, sent, err, code !== undefined && TIMEOUTS.has(code));
}

function parseJson(action: string, status: number, text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {}
  throw new AlidnsBadResponseError(action, status, 'the body is not a JSON object');
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export class AlidnsTransport {
  readonly #options: TransportOptions;
  readonly #pools = new Map<string, Pool>();

  constructor(options: TransportOptions) {
    this.#options = options;
  }

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connect: { timeout: this.#options.connectTimeoutMs },
        headersTimeout: this.#options.readTimeoutMs,
        bodyTimeout: this.#options.readTimeoutMs,
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }

  /** One attempt; resolves with the JSON body of a 2xx answer. */
  async send(
    action: string,
    req: SignedAlidnsRequest,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    let status: number;
    const chunks: Buffer[] = [];
    try {
      const res = await this.#pool(req.origin).request({
        method: req.method,
        path: req.target,
        headers: req.headers,
        body: req.body,
        signal,
      });
      status = res.statusCode;
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > this.#options.maxResponseBytes) {
          res.body.destroy();
          throw new AlidnsBadResponseError(action, status, 'the body is too large');
        }
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      throw networkError(action, err);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (status >= 200 && status < 300) return parseJson(action, status, text);
    const body = parseJson(action, status, text);
    if (typeof body.Code !== 'string')
      throw new AlidnsBadResponseError(action, status, 'no Code in the error');
    throw new AlidnsServiceError({
      action,
      status,
      code: body.Code,
      message: str(body.Message),
      requestId: str(body.RequestId),
      recommend: str(body.Recommend) || undefined,
    });
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((p) => p.close()));
  }
}
