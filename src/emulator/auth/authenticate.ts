// Picks the signature scheme a request uses and verifies it. A request with no signature at all is
// anonymous, which no bucket of the emulator allows.

import { type OperationName, v1SubResources } from '../operations.ts';
import type { EmulatorState } from '../state/store.ts';
import { hasQuery } from '../wire/request.ts';
import type { Requester, SignedRequest } from './common.ts';
import { anonymousDenied, invalidAuthorization } from './errors.ts';
import { verifyV1Header, verifyV1Query } from './v1.ts';
import { verifyV4Header, verifyV4Query } from './v4.ts';

export interface AuthInput extends SignedRequest {
  operation: OperationName | undefined;
}

export function authenticate(state: EmulatorState, input: AuthInput): Requester {
  const authorization = input.headers.get('authorization');
  if (authorization !== undefined && authorization !== '') {
    if (authorization.startsWith('OSS4-HMAC-SHA256 ')) return verifyV4Header(state, input, authorization);
    if (authorization.startsWith('OSS ')) {
      return verifyV1Header(
        state,
        { ...input, subResources: v1SubResources(input.operation) },
        authorization,
      );
    }
    throw invalidAuthorization('Authorization', authorization, 'unknown signature scheme');
  }
  if (hasQuery(input.query, 'x-oss-signature-version') || hasQuery(input.query, 'x-oss-signature')) {
    return verifyV4Query(state, input);
  }
  if (hasQuery(input.query, 'OSSAccessKeyId') || hasQuery(input.query, 'Signature')) {
    return verifyV1Query(state, { ...input, subResources: v1SubResources(input.operation) });
  }
  throw anonymousDenied();
}

export type { Requester } from './common.ts';
