// The operations the emulator answers. Names double as RAM action suffixes (`oss:PutCname`,
// `alidns:AddDomainRecord`), fault targets in the admin API and denied-action entries in the seed, so
// they live in one list.

export const OPERATION_NAMES = [
  'CreateCnameToken',
  'GetCnameToken',
  'PutCname',
  'ListCname',
  'DeleteCname',
  'GetBucketLocation',
  'GetBucketInfo',
  'ListBuckets',
  // Alibaba Cloud DNS (RPC calls carrying x-acs-action; src/emulator/alidns).
  'AddDomainRecord',
  'DeleteDomainRecord',
  'DescribeDomainRecords',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

const CNAME_SUB_RESOURCES = ['cname', 'comp'] as const;

/**
 * Sub-resources an operation declares for V1 signing beyond the fixed whitelist (protocol §4.6): the
 * SDKs declare `cname` and `comp` for the five CNAME operations, nothing for the others.
 */
export function v1SubResources(op: OperationName | undefined): readonly string[] {
  switch (op) {
    case 'CreateCnameToken':
    case 'GetCnameToken':
    case 'PutCname':
    case 'ListCname':
    case 'DeleteCname':
      return CNAME_SUB_RESOURCES;
    default:
      return [];
  }
}
