// An OSS error response (protocol §3): status, Code, Message, EC and operation-specific extra elements.
// Thrown anywhere in request handling and rendered once, with the request id and host, by the server.
import { CodedError } from '../../oss/coded-error.ts';
import { type XmlNode, xmlDocument } from './xml-writer.ts';

export interface OssErrorReplyInit {
  status: number;
  code: string;
  message: string;
  /** Fine-grained error code, `NNNN-NNNNNNNN`; sent as `x-oss-ec` and `<EC>`. */
  ec: string;
  /** Elements between HostId and EC, in wire order. */
  extras?: ReadonlyArray<readonly [string, string]>;
  /** Extra response headers. */
  headers?: Readonly<Record<string, string>>;
}

export class OssErrorReply extends CodedError {
  readonly status: number;
  readonly ec: string;
  readonly extras: ReadonlyArray<readonly [string, string]>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(init: OssErrorReplyInit) {
    super(init.code, init.message);
    this.status = init.status;
    this.ec = init.ec;
    this.extras = init.extras ?? [];
    this.headers = init.headers ?? {};
  }
}

const RECOMMEND_DOC_BASE = 'https://api.aliyun.com/troubleshoot?q=';

/** The `<Error>` document with Code, Message, RequestId, HostId, extras, EC and RecommendDoc. */
export function errorXml(error: OssErrorReply, requestId: string, hostId: string): string {
  const children: XmlNode[] = [
    ['Code', error.code],
    ['Message', error.message],
    ['RequestId', requestId],
    ['HostId', hostId],
    ...error.extras,
    ['EC', error.ec],
    ['RecommendDoc', `${RECOMMEND_DOC_BASE}${error.ec}`],
  ];
  return xmlDocument(['Error', children]);
}
