// Where a bound domain's CNAME record must point: the bucket's public endpoint.
export function cnameTarget(bucket: string, region: string): string {
  return `${bucket}.oss-${region}.aliyuncs.com`;
}
