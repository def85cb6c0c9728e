// Facts about OSS regions the API explains to callers.

/**
 * Buckets in mainland China regions (cn-*, except Hong Kong) may only bind domains with an ICP filing;
 * OSS answers others with NoSuchCnameInRecord, a name easily read as a DNS problem.
 */
export function isMainlandChinaRegion(region: string): boolean {
  const id = region.replace(/^oss-/, '');
  return id.startsWith('cn-') && id !== 'cn-hongkong';
}
