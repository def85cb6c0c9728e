// Public surface of the OSS client. The service imports from here; the emulator shares ./signer directly.
export { OssClient, type OssClientOptions } from './client.ts';
export { SkewClock } from './clock.ts';
export { findBinding } from './cnames.ts';
export * from './credentials/index.ts';
export {
  type EndpointOptions,
  type EndpointVariant,
  generalRegion,
  isIpLiteral,
  normalizeRegion,
  type ResolvedEndpoint,
  regionEndpointHost,
  requestTarget,
  resolveEndpoint,
  validateBucketName,
} from './endpoint.ts';
export * from './errors.ts';
export { type HealthVerdict, healthVerdict } from './health.ts';
export { layered, type NextInvoke, type OssCall, type OssInvoker, type OssLayer } from './layers.ts';
// Every operation spec; a new one in these files is exported without an edit here.
export * from './operations/bucket.ts';
export * from './operations/cname.ts';
export type { OperationSpec } from './operations/spec.ts';
export { outcomeUnknown } from './outcome.ts';
export {
  type BuiltRequest,
  buildRequest,
  contentMd5,
  type RequestContext,
  type SignatureVersion,
} from './request.ts';
export type { OssHttpResponse } from './response.ts';
export { backoffMs, isRetryable, mayHaveApplied, type RetryOptions } from './retry.ts';
export { networkErrorCode, Transport, type TransportOptions } from './transport.ts';
export type * from './types.ts';
export { userAgent } from './user-agent.ts';
export { regionFromWrongEndpoint, regionOfEndpoint } from './wrong-endpoint.ts';
