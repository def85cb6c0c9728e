// Errors of the CNAME operations (protocol §2, §7). ECs marked "doc" are sourced (docs/emulator.md);
// the rest are the emulator's choice in the same family.

import { OssErrorReply } from '../wire/oss-error.ts';

type Extras = ReadonlyArray<readonly [string, string]>;

function cnameError(
  status: number,
  code: string,
  message: string,
  ec: string,
  extras: Extras,
): OssErrorReply {
  return new OssErrorReply({ status, code, message, ec, extras });
}

export const cnameErrors = {
  tokenNotFound: (bucket: string, domain: string) =>
    cnameError(404, 'CnameTokenNotFound', 'Cname token not found.', '0018-00000301', [
      ['Bucket', bucket],
      ['Cname', domain],
    ]), // doc
  noNeedCreateToken: (bucket: string, domain: string) =>
    cnameError(
      403,
      'NoNeedCreateCnameToken',
      'The cname token is in effect and already used by the custom domain, no need to create a new one.',
      '0018-00000302', // doc
      [
        ['Bucket', bucket],
        ['Cname', domain],
      ],
    ),
  tooManyTokens: (bucket: string) =>
    cnameError(
      400,
      'TooManyCnameToken',
      'You have attempted to create more cname token than allowed.',
      '0018-00000303',
      [['Bucket', bucket]],
    ),
  needVerifyOwnership: (bucket: string, domain: string) =>
    cnameError(
      403,
      'NeedVerifyDomainOwnership',
      'Please verify domain ownership by CreateCnameToken and try again.',
      '0018-00000115', // doc
      [
        ['Bucket', bucket],
        ['Cname', domain],
      ],
    ),
  denied: (domain: string) =>
    cnameError(403, 'CnameDenied', 'The cname belongs to another user.', '0018-00000116', [
      ['Cname', domain],
    ]),
  alreadyExists: (domain: string) =>
    cnameError(
      409,
      'CnameAlreadyExists',
      'The cname is already bound to another bucket of this account.',
      '0018-00000117',
      [
        ['Cname', domain],
        ['CnameType', 'CNAME_OSS'],
      ],
    ),
  forbidden: (domain: string) =>
    cnameError(
      403,
      'CnameIsForbidden',
      'The custom domain must not end with a domain reserved by Alibaba Cloud (aliyuncs.com, aliyun.com, aliyun-inc.com, taobaocdn.com, taobao.com).',
      '0018-00000401', // doc
      [['Cname', domain]],
    ),
  risk: (domain: string) =>
    cnameError(
      403,
      'CnameIsRisk',
      'The cname is considered high-risk and cannot be bound.',
      '0018-00000402',
      [['Cname', domain]],
    ),
  noIcpRecord: (domain: string) =>
    cnameError(404, 'NoSuchCnameInRecord', 'The cname has no ICP filing record.', '0018-00000403', [
      ['Cname', domain],
    ]),
  tooManyDomains: (bucket: string) =>
    cnameError(400, 'TooManyCname', 'You have attempted to bind more cname than allowed.', '0018-00000118', [
      ['Bucket', bucket],
    ]),
  invalidCasId: (certId: string) =>
    cnameError(
      400,
      'CertificateInvalidCasId',
      'The CertId is not a certificate of the bucket owner in Certificate Management Service.',
      '0018-00000204', // doc
      [['CertId', certId]],
    ),
};

/** Hostname errors carry no ArgumentName, as in the recorded live `w.c` answer. */
export function invalidHostname(message: string): OssErrorReply {
  return new OssErrorReply({ status: 400, code: 'InvalidArgument', message, ec: '0017-00000249' });
}
