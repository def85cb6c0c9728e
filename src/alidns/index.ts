// Public surface of the Alibaba Cloud DNS client. The emulator shares ./signer.ts directly.
export {
  type AddRecordInput,
  AlidnsClient,
  type AlidnsClientOptions,
  type CallOptions,
  DEFAULT_ALIDNS_ENDPOINT,
  type DescribeRecordsInput,
} from './client.ts';
export * from './errors.ts';
export { type AlidnsFromConfigOptions, alidnsEndpoint, createAlidnsClient } from './from-config.ts';
export { ALIDNS_VERSION, acsDate, buildAlidnsRequest, type SignedAlidnsRequest } from './request.ts';
export type { DomainRecord, RecordPage } from './schemas.ts';
