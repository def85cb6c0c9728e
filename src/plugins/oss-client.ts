// Builds the one OSS client of an app from the configuration, reporting every attempt to the metrics, to
// the log line of the request it was made for and, when tracing is on, as a span.
import { ossCredentials } from '../config/oss-credentials.ts';
import type { AppConfig } from '../config/types.ts';
import { OssClient } from '../oss/index.ts';
import type { OssAttemptEvent, OssObserver } from '../oss/types.ts';
import { ossAttemptTracer } from '../telemetry/index.ts';
import { recordOssAttempt } from './request-context.ts';

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

export function createOssClient(config: AppConfig, observer: OssObserver): OssClient {
  const { oss } = config;
  return new OssClient({
    region: oss.region,
    endpoint: oss.endpoint,
    useInternalEndpoint: oss.useInternalEndpoint,
    credentials: ossCredentials(oss),
    signatureVersion: oss.signatureVersion,
    retry: { maxAttempts: oss.maxAttempts },
    connectTimeoutMs: oss.connectTimeoutMs,
    readTimeoutMs: oss.readTimeoutMs,
    observer,
  });
}
