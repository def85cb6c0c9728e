// The typed surface of the OSS client. Field names are ours (camelCase); wire names live in the XML codec.

/** A date as OSS sent it, plus an ISO 8601 form when it could be parsed. */
export interface OssDate {
  raw: string;
  iso: string | undefined;
}

export interface CertificateConfigurationInput {
  /** CAS certificate id, `<id>-<region>`. */
  certId?: string | undefined;
  /** PEM certificate (chain allowed); must come with privateKey. */
  certificate?: string | undefined;
  privateKey?: string | undefined;
  previousCertId?: string | undefined;
  force?: boolean | undefined;
  deleteCertificate?: boolean | undefined;
}

export interface BucketInput {
  bucket: string;
}

export interface BucketDomainInput extends BucketInput {
  domain: string;
}

export interface PutCnameInput extends BucketDomainInput {
  certificate?: CertificateConfigurationInput | undefined;
}

/** What every successful call returns besides its data. */
export interface OssResponseMeta {
  status: number;
  requestId: string;
}

export interface CnameToken extends OssResponseMeta {
  bucket: string;
  domain: string;
  token: string;
  expireTime: OssDate;
}

export interface CnameCertificate {
  type: string; // 'CAS' | 'Upload'
  certId: string;
  status: string; // 'Enabled' | 'Disabled'
  creationDate: OssDate;
  fingerprint: string;
  validStartDate: OssDate;
  validEndDate: OssDate;
}

export interface CnameInfo {
  domain: string;
  lastModified: OssDate;
  status: string; // 'Enabled' | 'Disabled'
  certificate: CnameCertificate | undefined;
  isWildcard: boolean;
}

export interface ListCnameResult extends OssResponseMeta {
  bucket: string;
  owner: string;
  cnames: CnameInfo[];
}

export interface BucketLocation extends OssResponseMeta {
  /** OSS-flavoured id as returned, e.g. `oss-cn-hangzhou`. */
  location: string;
  /** General region id used in V4 scopes, e.g. `cn-hangzhou`. */
  region: string;
}

export interface BucketInfo extends OssResponseMeta {
  name: string;
  location: string;
  region: string;
  extranetEndpoint: string;
  intranetEndpoint: string;
  creationDate: OssDate;
  storageClass: string | undefined;
  ownerId: string;
  ownerDisplayName: string;
}

export interface ListBucketsInput {
  prefix?: string | undefined;
  marker?: string | undefined;
  maxKeys?: number | undefined;
}

export interface BucketSummary {
  name: string;
  location: string;
  region: string;
  creationDate: OssDate;
  extranetEndpoint: string | undefined;
  intranetEndpoint: string | undefined;
  storageClass: string | undefined;
}

export interface ListBucketsResult extends OssResponseMeta {
  buckets: BucketSummary[];
  isTruncated: boolean;
  nextMarker: string | undefined;
  ownerId: string;
}

export interface CallOptions {
  /** General region id of the bucket; defaults to the client's region. */
  region?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Overrides the client's retry.maxAttempts for this call (1 = no retry). */
  maxAttempts?: number | undefined;
}

/** Emitted once per HTTP attempt, for metrics and logs; never carries secrets. */
export interface OssAttemptEvent {
  operation: string;
  attempt: number;
  durationMs: number;
  /** HTTP status when OSS answered. */
  status: number | undefined;
  /** OSS error code, or our error code for network/timeout failures; undefined on success. */
  code: string | undefined;
  requestId: string | undefined;
  willRetry: boolean;
}

export interface OssObserver {
  onAttempt?(event: OssAttemptEvent): void;
}
