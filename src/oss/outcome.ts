// Whether a write's outcome is unknown: OSS may have acted but its answer was lost (5xx, read timeout, a
// connection dropped after sending), or a repeat was refused only because the first attempt had already
// changed the certificate (PreviousCertId no longer current, EC 0018-00000209). The settle layer then
// reads OSS's state instead of trusting the error.
import { OssError, OssServiceError } from './errors.ts';
import { mayHaveApplied } from './retry.ts';
import type { PutCnameInput } from './types.ts';

const PREVIOUS_CERT_ID_STALE = '0018-00000209';

export function outcomeUnknown(error: unknown, input?: PutCnameInput): boolean {
  if (!(error instanceof OssError)) return false;
  if (mayHaveApplied(error)) return true;
  return (
    input?.certificate?.previousCertId !== undefined &&
    error instanceof OssServiceError &&
    error.code === 'InvalidArgument' &&
    error.ec === PREVIOUS_CERT_ID_STALE
  );
}
