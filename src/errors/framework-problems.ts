// Errors raised by Fastify itself and its plugins (validation, body parsing, routing, rate limiting)
// translated to problems. Framework messages are never passed through: each status has its own wording.
import { PROBLEM_CATALOGUE, type ProblemCode } from './catalogue.ts';
import { ProblemError, problem } from './problem.ts';

export interface RequestIssue {
  /** Where the issue is: body, params, querystring or headers. */
  in: string;
  /** Dotted path inside that part, '' for the part as a whole. */
  path: string;
  message: string;
}

interface ValidationEntry {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

interface FrameworkError {
  code?: unknown;
  statusCode?: unknown;
  validation?: unknown;
  validationContext?: unknown;
}

/** A problem for a Fastify/plugin error, or undefined when the error is not one of theirs. */
export function frameworkProblem(error: unknown): ProblemError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as FrameworkError;
  if (Array.isArray(e.validation)) return validationProblem(e.validation, String(e.validationContext ?? ''));
  const byCode = typeof e.code === 'string' ? BY_CODE[e.code] : undefined;
  if (byCode) return problem(byCode.code, byCode.detail, { cause: error });
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status > 499) return undefined;
  const known = BY_STATUS[status];
  if (known) return problem(known.code, known.detail, { cause: error });
  // An unlisted 4xx keeps its status: the framework knows better than a generic 400 what went wrong.
  return new ProblemError({
    ...PROBLEM_CATALOGUE['bad-request'],
    status,
    code: 'bad-request',
    detail: 'The request cannot be processed as sent; check it against the API documentation at /docs.',
    cause: error,
  });
}

export function validationProblem(entries: readonly ValidationEntry[], part: string): ProblemError {
  const issues = entries.map((entry) => toIssue(entry, part));
  // The detail names the first few; `issues` holds them all.
  const listed = issues
    .slice(0, MAX_ISSUES_IN_DETAIL)
    .map((i) => `${i.in}${i.path ? `.${i.path}` : ''}: ${i.message}`)
    .join('; ');
  const more =
    issues.length > MAX_ISSUES_IN_DETAIL ? ` (and ${issues.length - MAX_ISSUES_IN_DETAIL} more)` : '';
  return invalidRequest(
    `The request is invalid: ${listed}${more}. Fix these fields and send it again.`,
    issues,
  );
}

export function invalidRequest(detail: string, issues: RequestIssue[]): ProblemError {
  return problem('invalid-request', detail, { extensions: { issues } });
}

function toIssue(entry: ValidationEntry, part: string): RequestIssue {
  const segments = (entry.instancePath ?? '').split('/').filter((s) => s !== '');
  // Ajv reports a missing property on its parent; name the property itself.
  const missing = entry.params?.missingProperty;
  if (typeof missing === 'string') segments.push(missing);
  const message = unknownKeys(entry) ?? entry.message ?? 'is invalid';
  return { in: part || 'request', path: segments.join('.'), message };
}

const MAX_ISSUES_IN_DETAIL = 3;
const MAX_KEYS_NAMED = 3;
const MAX_KEY_CHARS = 40;

/** Unknown keys are the caller's text: a body of long key names must not come back whole, twice. */
function unknownKeys(entry: ValidationEntry): string | undefined {
  const keys = entry.params?.keys;
  if (entry.keyword !== 'unrecognized_keys' || !Array.isArray(keys)) return undefined;
  const named = keys.slice(0, MAX_KEYS_NAMED).map((key) => {
    const text = String(key);
    return JSON.stringify(text.length > MAX_KEY_CHARS ? `${text.slice(0, MAX_KEY_CHARS)}…` : text);
  });
  const more = keys.length > named.length ? ` and ${keys.length - named.length} more` : '';
  return `unknown field${keys.length === 1 ? '' : 's'} ${named.join(', ')}${more}`;
}

type FrameworkShape = { code: ProblemCode; detail: string };

const BY_CODE: Record<string, FrameworkShape> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'payload-too-large',
    detail:
      'The request body exceeds the size limit; send a smaller body (certificates: leaf and chain only).',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported-media-type',
    detail: 'Send request bodies as JSON with the header Content-Type: application/json.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'invalid-json',
    detail: 'Content-Type is application/json but the body is empty; send a JSON object or drop the header.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'invalid-json',
    detail: 'The request body is not valid JSON; check quoting, commas and escapes, then send it again.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'invalid-request',
    detail: 'The body size does not match the Content-Length header; send the body and header consistently.',
  },
  FST_ERR_BAD_URL: {
    code: 'invalid-request',
    detail: 'A path segment is not valid percent-encoding; encode domain names with encodeURIComponent.',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'uri-too-long',
    detail: 'A path segment is longer than any bucket or domain name can be; check the URL.',
  },
};

const BY_STATUS: Record<number, FrameworkShape> = {
  401: {
    code: 'unauthenticated',
    detail: 'Send your API key as "Authorization: Bearer <key>" or "X-API-Key: <key>".',
  },
  403: {
    code: 'forbidden',
    detail: 'Your API key may not perform this request; ask for a key with the needed scope.',
  },
  404: {
    code: 'route-not-found',
    detail: 'No resource lives at this URL; see /docs for the routes this service offers.',
  },
  406: {
    code: 'not-acceptable',
    detail: 'This service answers in JSON only; accept application/json or application/problem+json.',
  },
  408: {
    code: 'request-timeout',
    detail: 'The request body did not arrive in time; send it again.',
  },
  429: {
    code: 'rate-limited',
    detail: 'You sent too many requests; wait for the number of seconds in the Retry-After header.',
  },
};
