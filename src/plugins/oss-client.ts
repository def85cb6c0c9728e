// Builds the one OSS client of an app from the configuration, reporting every attempt to the metrics and
// to the log line of the request it was made for.
import { ossCredentials } from '../config/oss-credentials.ts';
import type { AppConfig } from '../config/types.ts';
import { OssClient } from '../oss/index.ts';
import type { OssAttemptEvent, OssObserver } from '../oss/types.ts';
import { recordOssAttempt } from './request-context.ts';

export function requestAwareObserver(metricsObserver: OssObserver): OssObserver {
  return {
    onAttempt(event: OssAttemptEvent) {
      metricsObserver.onAttempt?.(event);
      recordOssAttempt(event);
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
