// The OSS error an injected status carries, so SDKs parse it like a real failure. ECs are the emulator's.

import { OssErrorReply } from '../wire/oss-error.ts';

const CODES: Readonly<Record<number, readonly [string, string]>> = {
  400: ['BadRequest', 'The request is invalid.'],
  403: ['AccessDenied', 'Access denied (injected fault).'],
  404: ['NotFound', 'The resource was not found (injected fault).'],
  408: ['RequestTimeout', 'The request timed out.'],
  429: ['TooManyRequests', 'Too many requests, please reduce your request rate.'],
  500: ['InternalError', 'We encountered an internal error. Please try again.'],
  502: ['BadGateway', 'The gateway received an invalid response.'],
  503: ['ServiceUnavailable', 'The service is unavailable. Please try again later.'],
  504: ['GatewayTimeout', 'The gateway timed out.'],
};

/**
 * The code and message an injected status carries: the product's own for a status it knows, else a
 * generic server error, or a client error under the product's `clientCode`.
 */
export function injectedCode(
  known: Readonly<Record<number, readonly [string, string]>>,
  status: number,
  clientCode: string,
): readonly [code: string, message: string] {
  return (
    known[status] ??
    (status >= 500 ? ['InternalError', 'Injected server error.'] : [clientCode, 'Injected client error.'])
  );
}

export function injectedError(status: number): OssErrorReply {
  const [code, message] = injectedCode(CODES, status, 'InvalidRequest');
  return new OssErrorReply({ status, code, message, ec: `0000-00000${status}` });
}
