// Alidns's errors as it sends them: HTTP status plus JSON `{RequestId, HostId, Code, Message, Recommend}`.
// Codes and messages are Alidns's own where they are known (docs/emulator.md lists them).
import { CodedError } from '../../oss/coded-error.ts';
import { injectedCode } from '../faults/errors.ts';

export class AlidnsApiError extends CodedError {
  readonly status: number;

  constructor(status: number, code: string, message: string) {
    super(code, message);
    this.status = status;
  }
}

const e = (status: number, code: string, message: string) => new AlidnsApiError(status, code, message);

export const invalidVersion = () => e(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
export const unknownAction = () =>
  e(400, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
export const incompleteSignature = (serverStringToSign?: string) =>
  e(
    400,
    'IncompleteSignature',
    serverStringToSign === undefined
      ? 'The request signature does not conform to Aliyun standards.'
      : `The request signature does not conform to Aliyun standards. server string to sign is:${serverStringToSign}`,
  );
export const accessKeyNotFound = () =>
  e(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
export const securityTokenMismatch = () =>
  e(
    400,
    'InvalidSecurityToken.MismatchWithAccessKey',
    'Specified SecurityToken mismatch with the AccessKey.',
  );
export const badTimestamp = () =>
  e(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
export const expiredTimestamp = () =>
  e(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
export const missingNonce = () =>
  e(400, 'MissingSignatureNonce', 'SignatureNonce is mandatory for this action.');
export const nonceUsed = () => e(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
export const forbiddenRam = () =>
  e(
    403,
    'Forbidden.RAM',
    "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
  );
export const missingParameter = (name: string) =>
  e(400, `Missing${name}`, `${name} is mandatory for this action.`);
/** The emulator's own answer for values it cannot store; Alidns's codes for these vary by field. */
export const invalidParameter = (name: string, detail: string) =>
  e(400, 'InvalidParameter', `The specified parameter ${name} is not valid: ${detail}`);
export const domainNotFound = () =>
  e(
    400,
    'InvalidDomainName.NoExist',
    'The specified domain name does not exist. Refresh the page and try again.',
  );
export const domainNotYours = () => e(400, 'IncorrectDomainUser', 'The domain name does not belong to you.');
export const recordDuplicate = () => e(400, 'DomainRecordDuplicate', 'The DNS record already exists.');
export const recordConflict = () =>
  e(400, 'DomainRecordConflict', 'The DNS record conflicts with other records.');
export const recordNotYours = () =>
  e(400, 'DomainRecordNotBelongToUser', 'The DNS record does not belong to you.');
/** The same answer whether the emulator failed itself or a fault injected a 500. */
const INTERNAL_ERROR = [
  'InternalError',
  'The request processing has failed due to some unknown error, exception or failure.',
] as const;
export const internalError = () => e(500, ...INTERNAL_ERROR);

const INJECTED: Readonly<Record<number, readonly [string, string]>> = {
  403: ['Forbidden.RAM', 'User not authorized to operate on the specified resource (injected fault).'],
  429: ['Throttling.User', 'Request was denied due to user flow control.'],
  500: INTERNAL_ERROR,
  503: ['ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'],
};

/** The error an injected status fault carries on an Alidns action. */
export function injectedAlidnsError(status: number): AlidnsApiError {
  const [code, message] = injectedCode(INJECTED, status, 'InvalidParameter');
  return new AlidnsApiError(status, code, message);
}
