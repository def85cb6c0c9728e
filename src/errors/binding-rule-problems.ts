// Problems about what a caller asks of a bucket, a domain or a token: the names' rules, the state OSS holds,
// and OSS's verdicts on the domain (ownership, other holders, ICP filing).
import type { ProblemDefinition } from './problem-definition.ts';

const DOMAINS = 'docs/api.md#domains';
const OSS_MAP = 'docs/api.md#how-oss-errors-map';

export const BINDING_RULE_PROBLEMS = {
  'invalid-domain': {
    status: 400,
    title: 'Invalid domain name',
    meaning: 'The domain breaks a host-name rule (see Domains)',
    action: 'Send a valid host name',
    docs: DOMAINS,
  },
  'ip-address-not-allowed': {
    status: 400,
    title: 'IP addresses cannot be bound',
    meaning: 'An IP literal was given as domain',
    action: 'Bind a name that resolves to it',
    docs: DOMAINS,
  },
  'invalid-cert-id': {
    status: 400,
    title: 'Invalid certificate id',
    meaning: '`certId` is not `<numeric id>-<region>`',
    action: 'Send the id as the certificate service shows it',
    docs: 'docs/certificates.md#certid-rules-normalizecertid',
  },
  'invalid-certificate-id': {
    status: 400,
    title: 'Invalid certificate id',
    meaning: "OSS refused the certId's form (EC 0018-00000206)",
    action: 'Send an id under 64 bytes, `<id>-<region>`',
    docs: OSS_MAP,
  },
  'invalid-argument': {
    status: 400,
    title: 'Invalid argument',
    meaning: 'OSS rejected an argument; `ossMessage` says which',
    action: 'Correct it',
    docs: OSS_MAP,
  },
  'bucket-not-found': {
    status: 404,
    title: 'Bucket not found',
    meaning: 'The bucket does not exist in the OSS account the service manages',
    action: 'Check the bucket name',
    docs: OSS_MAP,
  },
  'cname-not-found': {
    status: 404,
    title: 'Domain not bound',
    meaning: 'The domain is not bound to the bucket',
    action: 'Bind it with PUT',
    docs: OSS_MAP,
  },
  'token-not-found': {
    status: 404,
    title: 'No valid ownership token',
    meaning: 'No valid token (never created, or expired after 72 h)',
    action: 'POST a new token',
    docs: OSS_MAP,
  },
  'already-bound': {
    status: 409,
    title: 'Domain already bound',
    meaning: 'The domain is already bound to this bucket; no token needed',
    action: 'Read the binding with GET',
    docs: OSS_MAP,
  },
  'token-quota-exceeded': {
    status: 409,
    title: 'Too many ownership tokens',
    meaning: 'The bucket holds 1000 live tokens',
    action: 'Reuse tokens or wait for them to expire',
    docs: OSS_MAP,
  },
  'token-share-exceeded': {
    status: 429,
    title: 'Too many ownership tokens for this key',
    meaning:
      "The API key holds `TOKENS_PER_KEY_PER_BUCKET` live tokens on this bucket (its share of OSS's 1000); `limit`, `Retry-After` (until its oldest expires)",
    action: 'Bind or give up domains already asked for, or wait for their tokens to expire',
    docs: 'docs/api.md#create-an-ownership-token',
    retryAfter: 'always',
  },
  'cname-quota-exceeded': {
    status: 409,
    title: 'Too many bound domains',
    meaning: 'The bucket has 100 bound domains, the OSS maximum',
    action: 'Unbind one, or use another bucket',
    docs: OSS_MAP,
  },
  'dns-not-ready': {
    status: 409,
    title: 'DNS not ready',
    meaning:
      'The DNS pre-flight found the TXT record missing or wrong; `preflight`, `dnsRecord`, `Retry-After`; OSS was not called',
    action: "Apply the failing check's `fix`, retry after `Retry-After`",
    docs: 'docs/api.md#dns-pre-flight',
    retryAfter: 'always',
  },
  'domain-ownership-unverified': {
    status: 409,
    title: 'Domain ownership not verified',
    meaning:
      'OSS cannot see the TXT record yet; `dnsRecord` is the record to publish, `preflight` what DNS showed',
    action: 'Publish it, wait for DNS, retry',
    docs: OSS_MAP,
    retryAfter: 'when-known',
  },
  'domain-bound-to-other-bucket': {
    status: 409,
    title: 'Domain bound to another bucket',
    meaning:
      'Bound to another bucket of the same OSS account; `heldBy` names it when your key covers it (`cnameType` when OSS said so)',
    action: 'Unbind it there first',
    docs: OSS_MAP,
  },
  'domain-held-by-other-account': {
    status: 409,
    title: 'Domain held by another account',
    meaning: 'Bound to a bucket of another Alibaba Cloud account',
    action: 'Its owner must unbind it; or ask Alibaba Cloud support',
    docs: OSS_MAP,
  },
  'precondition-failed': {
    status: 412,
    title: 'Precondition failed',
    meaning: '`If-Match`/`If-None-Match` failed, or the certificate changed meanwhile; `currentEtag`',
    action: 'GET the binding, retry with its ETag',
    docs: 'docs/api.md#etag-if-match-and-if-none-match',
  },
  'wildcard-not-supported': {
    status: 422,
    title: 'Wildcard domains are not supported',
    meaning: '`*.example.com`: standard buckets cannot bind wildcards',
    action: 'Bind each host name',
    docs: DOMAINS,
  },
  'domain-forbidden': {
    status: 422,
    title: 'Domain not allowed',
    meaning: 'A name reserved by Alibaba Cloud',
    action: 'Use another domain',
    docs: DOMAINS,
  },
  'domain-flagged-risky': {
    status: 422,
    title: 'Domain flagged as high-risk',
    meaning: 'OSS flagged the domain as high-risk',
    action: 'Contact Alibaba Cloud support, or use another domain',
    docs: OSS_MAP,
  },
  'icp-filing-required': {
    status: 422,
    title: 'ICP filing required',
    meaning: "Mainland-China bucket and the domain has no ICP filing; `region` names the bucket's region",
    action: 'File the domain, or use a bucket outside mainland China',
    docs: OSS_MAP,
  },
  'certificate-id-unknown': {
    status: 422,
    title: 'Unknown certificate id',
    meaning: 'The certificate service knows no such certId for this account',
    action: 'Use the id shown in the certificate service',
    docs: OSS_MAP,
  },
} as const satisfies Record<string, ProblemDefinition>;
