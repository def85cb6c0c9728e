// Every failure of the Alidns client is an AlidnsError with a stable `code`: Alidns's own code (such as
// DomainRecordDuplicate) when it answered, or one of ours for transport problems. Messages carry what
// Alidns sent back and the RequestId, never credentials or request headers.
import { CodedError } from '../oss/coded-error.ts';

export class AlidnsError extends CodedError {
  readonly action: string;

  constructor(code: string, action: string, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.action = action;
  }
}

/** Alidns answered with a non-2xx status and its JSON error body. */
export class AlidnsServiceError extends AlidnsError {
  readonly status: number;
  readonly requestId: string;
  readonly serverMessage: string;
  /** Alidns's troubleshooting link, when it sent one. */
  readonly recommend: string | undefined;

  constructor(init: {
    action: string;
    status: number;
    code: string;
    message: string;
    requestId: string;
    recommend?: string | undefined;
  }) {
    super(
      init.code,
      init.action,
      `${init.action} failed: ${init.status} ${init.code}: ${init.message} (RequestId: ${init.requestId || '-'})`,
    );
    this.status = init.status;
    this.requestId = init.requestId;
    this.serverMessage = init.message;
    this.recommend = init.recommend;
  }

  /** Throttling.User, Throttling.Api…: refused before anything happened. */
  get throttled(): boolean {
    return this.code === 'Throttling' || this.code.startsWith('Throttling.');
  }
}

/** A response that is not what Alidns sends: not JSON, or JSON without the expected fields. */
export class AlidnsBadResponseError extends AlidnsError {
  readonly status: number;

  constructor(action: string, status: number, reason: string) {
    super('AlidnsBadResponse', action, `${action}: unexpected ${status} response from Alidns (${reason})`);
    this.status = status;
  }
}

/** The exchange failed before an answer arrived. */
export class AlidnsNetworkError extends AlidnsError {
  /** False when no byte of the request can have reached Alidns (connection refused, DNS failure). */
  readonly requestSent: boolean;

  constructor(action: string, requestSent: boolean, cause: unknown, timeout = false) {
    const what = timeout ? 'timed out' : 'network error';
    super(timeout ? 'AlidnsTimeout' : 'AlidnsNetworkError', action, `${action}: ${what} talking to Alidns`, {
      cause,
    });
    this.requestSent = requestSent;
  }
}

/** The credentials provider failed: nothing was sent. */
export class AlidnsCredentialsError extends AlidnsError {
  constructor(action: string, cause: unknown) {
    super('AlidnsCredentials', action, `${action}: no credentials to sign with`, { cause });
  }
}
