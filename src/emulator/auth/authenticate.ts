// Picks the signature scheme a request uses and verifies it. A request with no signature at all is
// anonymous, which no bucket of the emulator allows.

import type { LowerHeaders, QueryPairs } from '../../oss/signer/index.ts';
import { type OperationName, v1SubResources } from '../operations.ts';
import type { EmulatorState } from '../state/store.ts';
import { hasQuery } from '../wire/request.ts';
import type { Requester } from './common.ts';
import { anonymousDenied, invalidAuthorization } from './errors.ts';
import { verifyV1Header, verifyV1Query } from './v1.ts';
import { verifyV4Header, verifyV4Query } from './v4.ts';

export interface AuthInput {
  method: string;
  bucket: string | undefined;
  /** Object key ('' for bucket operations); part of the canonical URI and resource. */
  key: string;
  query: QueryPairs;
  headers: LowerHeaders;
  operation: OperationName | undefined;
  now: number;
}

export function authenticate(state: EmulatorState, input: AuthInput): Requester {
  const authorization = input.headers.get('authorization');
  if (authorization !== undefined && authorization !== '') {
    if (authorization.startsWith('OSS4-HMAC-SHA256 '))
      return verifyV4Header(state, input, authorization, input.now);
    if (authorization.startsWith('OSS ')) {
      return verifyV1Header(
        state,
        { ...input, subResources: v1SubResources(input.operation) },
        authorization,
        input.now,
      );
    }
    throw invalidAuthorization('Authorization', authorization, 'unknown signature scheme');
  }
  if (hasQuery(input.query, 'x-oss-signature-version') || hasQuery(input.query, 'x-oss-signature')) {
    return verifyV4Query(state, input, input.now);
  }
  if (hasQuery(input.query, 'OSSAccessKeyId') || hasQuery(input.query, 'Signature')) {
    return verifyV1Query(state, { ...input, subResources: v1SubResources(input.operation) }, input.now);
  }
  throw anonymousDenied();
}

export type { Requester } from './common.ts';
