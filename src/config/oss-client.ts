// Builds the one OSS client of an app from the configuration, reporting every attempt to the metrics and
// to the log line of the request it was made for and, when tracing is on, as a span.
import { OssClient } from '../oss/index.ts';
import type { OssAttemptEvent, OssObserver } from '../oss/types.ts';
import { recordOssAttempt } from '../request/context.ts';
import { ossAttemptTracer } from '../telemetry/index.ts';
import type { Config } from './env-schema.ts';
import { ossCredentials } from './oss-credentials.ts';

export function requestAwareObserver(metricsObserver: OssObserver): OssObserver {
  const traceAttempt = ossAttemptTracer();
  return {
    onAttempt(event: OssAttemptEvent) {
      metricsObserver.onAttempt?.(event);
      recordOssAttempt(event);
      traceAttempt?.(event);
    },
  };
}

export function createOssClient(config: Config, observer: OssObserver): OssClient {
  return new OssClient({
    region: config.OSS_REGION,
    endpoint: config.OSS_ENDPOINT,
    useInternalEndpoint: config.OSS_USE_INTERNAL_ENDPOINT,
    credentials: ossCredentials(config),
    signatureVersion: config.OSS_SIGNATURE_VERSION,
    retry: { maxAttempts: config.OSS_MAX_ATTEMPTS },
    connectTimeoutMs: config.OSS_CONNECT_TIMEOUT_MS,
    readTimeoutMs: config.OSS_READ_TIMEOUT_MS,
    observer,
  });
}
