// A bucket's bindings as OSS lists them, read the one way every service needs.
import { readOssFailure } from '../errors/oss-error-shape.ts';
import type { CnameApi, CnameInfo } from '../oss/types.ts';

export async function listBindings(oss: CnameApi, bucket: string, region: string): Promise<CnameInfo[]> {
  try {
    return (await oss.listCname({ bucket }, { region })).cnames;
  } catch (error) {
    // Older OSS answers an empty bucket with 404 NoSuchCname instead of an empty list.
    if (readOssFailure(error)?.code === 'NoSuchCname') return [];
    throw error;
  }
}

/** The exact (non-wildcard) binding of `domain` among `all`. */
export function bindingOf(all: readonly CnameInfo[], domain: string): CnameInfo | undefined {
  return all.find((info) => info.domain.toLowerCase() === domain && !info.isWildcard);
}
