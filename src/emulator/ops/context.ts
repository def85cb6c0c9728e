// What an operation handler gets, and what it returns for the server to put on the wire.

import type { Requester } from '../auth/authenticate.ts';
import type { Seed, SeedBucket } from '../seed/schema.ts';
import type { EmulatorState } from '../state/store.ts';
import type { OssRequest } from '../wire/request.ts';
import type { TxtLookup } from './ownership.ts';

export interface ServiceContext {
  state: EmulatorState;
  request: OssRequest;
  principal: Requester;
  now: number;
}

export interface BucketContext extends ServiceContext {
  bucket: SeedBucket;
  txtLookup: TxtLookup;
  icp: Seed['icp'];
  riskyDomains: readonly string[];
}

export interface OpResult {
  status: number;
  /** XML document; absent for empty 200 answers. */
  body?: string | undefined;
}
