import { performance } from 'node:perf_hooks';
import type { SkewClock } from './clock.ts';
import type { CredentialsProvider } from './credentials/types.ts';
import type { ResolvedEndpoint } from './endpoint.ts';
import { OssAbortedError, OssError, OssServiceError } from './errors.ts';
import type { OperationSpec } from './operations/spec.ts';
import { buildRequest, type SignatureVersion, validateInput } from './request.ts';
import { responseError } from './response.ts';
import { backoffMs, isRetryable, mayHaveApplied, type RetryPolicy } from './retry.ts';
import type { Transport } from './transport.ts';
import type { OssAttemptEvent, OssObserver } from './types.ts';

/** The client's fixed parts, as the attempt loop needs them. */
export interface InvokeDeps {
  transport: Transport;
  credentials: CredentialsProvider;
  clock: SkewClock;
  policy: RetryPolicy;
  observer: OssObserver | undefined;
  product: string;
  signatureVersion: SignatureVersion;
  userAgent: string;
}

/** One call: where it goes and how often it may be tried. */
export interface InvokeTarget {
  endpoint: ResolvedEndpoint;
  region: string;
  maxAttempts: number;
  signal: AbortSignal | undefined;
}

function notify(observer: OssObserver | undefined, event: OssAttemptEvent): void {
  try {
    observer?.onAttempt?.(event);
  } catch {
    // Metrics must never break a call.
  }
}

function errorCode(err: unknown): string {
  return err instanceof OssError ? err.code : 'InternalError';
}

/**
 * Runs the attempts of one operation: fresh credentials and a fresh signature each time, SDK retry rules,
 * clock-skew correction, and one observer event per attempt.
 */
export async function invoke<I, O>(
  deps: InvokeDeps,
  op: OperationSpec<I, O>,
  input: I,
  target: InvokeTarget,
): Promise<O> {
  validateInput(op, input);
  const repeatable = op.repeatable?.(input) ?? true;
  const { signal } = target;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new OssAbortedError(op.name, signal.reason);
    const started = performance.now();
    let status: number | undefined;
    let requestId: string | undefined;
    let failure: unknown;
    try {
      const credentials = await deps.credentials.getCredentials(signal);
      const req = buildRequest(op, input, {
        endpoint: target.endpoint,
        region: target.region,
        product: deps.product,
        signatureVersion: deps.signatureVersion,
        credentials,
        signingTime: new Date(deps.clock.now()),
        userAgent: deps.userAgent,
      });
      const res = await deps.transport.send(req, signal);
      status = res.status;
      requestId = res.headers['x-oss-request-id'];
      const succeeded = (result: O): O => {
        notify(deps.observer, {
          operation: op.name,
          attempt,
          durationMs: performance.now() - started,
          status,
          code: undefined,
          requestId,
          willRetry: false,
        });
        return result;
      };
      if (status >= 200 && status < 300) return succeeded(op.parse(res));
      const error = responseError(res, op.name);
      // Answers the operation treats as success, such as DeleteCname's 404 NoSuchCname.
      const recovered = error instanceof OssServiceError ? op.recover?.(error) : undefined;
      if (recovered !== undefined) return succeeded(recovered);
      if (error.code === 'RequestTimeTooSkewed') deps.clock.adjustFromServerDate(res.headers.date);
      failure = error;
    } catch (err) {
      failure = err;
    }
    const willRetry =
      attempt < target.maxAttempts &&
      isRetryable(failure) &&
      (repeatable || !mayHaveApplied(failure)) &&
      !signal?.aborted;
    notify(deps.observer, {
      operation: op.name,
      attempt,
      durationMs: performance.now() - started,
      status,
      code: errorCode(failure),
      requestId,
      willRetry,
    });
    if (!willRetry) throw failure;
    try {
      await deps.policy.sleep(backoffMs(deps.policy, attempt), signal);
    } catch (err) {
      throw new OssAbortedError(op.name, err);
    }
  }
}
