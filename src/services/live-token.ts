// The domain's live ownership token, or undefined when OSS holds none (never created, or expired).
import { readOssFailure } from '../errors/oss-error-shape.ts';
import type { CnameApi, CnameToken } from '../oss/types.ts';

export async function liveToken(
  oss: CnameApi,
  bucket: string,
  domain: string,
  region: string,
): Promise<CnameToken | undefined> {
  try {
    return await oss.getCnameToken({ bucket, domain }, { region });
  } catch (error) {
    if (readOssFailure(error)?.code === 'CnameTokenNotFound') return undefined;
    throw error;
  }
}
