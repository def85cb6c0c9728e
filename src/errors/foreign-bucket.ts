// AccessDenied is usually about the service's own credentials (502 upstream-credentials), but not when
// the bucket belongs to another account.
import type { OssFailure } from './oss-error-shape.ts';
import type { Mapping } from './oss-mapping.ts';

/** A caller can name any bucket its key's glob allows, one of another account too: that is the caller's
 *  miss, not an alarm about the service's credentials (EC 0003-00000202). */
export const BUCKET_OF_ANOTHER_ACCOUNT: Mapping = {
  code: 'bucket-not-found',
  detail: (c) =>
    `Bucket "${c.bucket}" belongs to another Alibaba Cloud account, not the one this service manages; check the name.`,
};

export function isBucketOfAnotherAccount(failure: OssFailure): boolean {
  return failure.ec === '0003-00000202' || /does not belong to you/i.test(failure.message ?? '');
}
