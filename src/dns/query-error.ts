// The one error the query client throws; `code` says what went wrong so callers can report it.
import { CodedError } from '../oss/coded-error.ts';

export type DnsQueryErrorCode =
  | 'DNS_TIMEOUT' // no answer within the timeout, after the retry
  | 'DNS_UNREACHABLE' // the server refused the connection or the network is down
  | 'DNS_BAD_RESPONSE' // an answer that does not decode or a TCP stream that ended early
  | 'DNS_INVALID_NAME' // the name cannot be asked for
  | 'DNS_ABORTED'; // the caller gave up (a pre-flight past its budget): the socket is closed at once

export class DnsQueryError extends CodedError<DnsQueryErrorCode> {}
