// Errors of the CNAME operations (protocol §2, §7); their Code, Message and EC are in
// ../wire/oss-errors.json. Each names the bucket and domain it is about, as OSS does.

import type { OssErrorReply } from '../wire/oss-error.ts';
import { ossErrorReply } from '../wire/oss-errors.ts';

const about = (bucket: string, domain: string): [string, string][] => [
  ['Bucket', bucket],
  ['Cname', domain],
];

export const cnameErrors = {
  tokenNotFound: (bucket: string, domain: string) =>
    ossErrorReply('cnameTokenNotFound', { extras: about(bucket, domain) }),
  noNeedCreateToken: (bucket: string, domain: string) =>
    ossErrorReply('cnameNoNeedCreateToken', { extras: about(bucket, domain) }),
  tooManyTokens: (bucket: string) => ossErrorReply('cnameTooManyTokens', { extras: [['Bucket', bucket]] }),
  needVerifyOwnership: (bucket: string, domain: string) =>
    ossErrorReply('cnameNeedVerifyOwnership', { extras: about(bucket, domain) }),
  denied: (domain: string) => ossErrorReply('cnameDenied', { extras: [['Cname', domain]] }),
  alreadyExists: (domain: string) =>
    ossErrorReply('cnameAlreadyExists', {
      extras: [
        ['Cname', domain],
        ['CnameType', 'CNAME_OSS'],
      ],
    }),
  forbidden: (domain: string) => ossErrorReply('cnameForbidden', { extras: [['Cname', domain]] }),
  risk: (domain: string) => ossErrorReply('cnameRisk', { extras: [['Cname', domain]] }),
  noIcpRecord: (domain: string) => ossErrorReply('cnameNoIcpRecord', { extras: [['Cname', domain]] }),
  tooManyDomains: (bucket: string) => ossErrorReply('cnameTooManyDomains', { extras: [['Bucket', bucket]] }),
  invalidCasId: (certId: string) => ossErrorReply('cnameInvalidCasId', { extras: [['CertId', certId]] }),
};

/** Hostname errors carry no ArgumentName, as in the recorded live `w.c` answer. */
export function invalidHostname(message: string): OssErrorReply {
  return ossErrorReply('invalidHostname', { params: { message } });
}
