// Problems of the service and of OSS behind it: 5xx a caller cannot fix, with what to wait for or report.
import type { ProblemDefinition } from './problem-definition.ts';

const OSS_MAP = 'docs/api.md#how-oss-errors-map';
const ENDPOINTS = 'docs/operations.md#unauthenticated-endpoints';

export const UPSTREAM_PROBLEMS = {
  'internal-error': {
    status: 500,
    title: 'Internal error',
    meaning: 'Unexpected failure in the service',
    action: 'Retry later; report the `requestId`',
    docs: 'docs/api.md#errors',
  },
  'upstream-credentials': {
    status: 502,
    title: 'OSS rejected the service credentials',
    meaning: "OSS refused the service's own credentials or permissions",
    action: 'Operators must fix the OSS key/RAM policy',
    docs: 'docs/operations.md#oss-credentials',
  },
  'upstream-clock-skew': {
    status: 502,
    title: 'Service clock is off',
    meaning: "OSS refused the service's clock",
    action: 'Operators must fix NTP',
    docs: OSS_MAP,
  },
  'upstream-rejected-request': {
    status: 502,
    title: 'OSS rejected the request the service built',
    meaning: 'OSS could not parse a request the service built (a service bug)',
    action: 'Report the `requestId`',
    docs: OSS_MAP,
  },
  'upstream-inconsistent': {
    status: 502,
    title: 'OSS did not show the change',
    meaning: 'OSS accepted a change but does not show it',
    action: 'Read the binding again before retrying',
    docs: 'docs/threat-model.md#lost-answers-a-change-happens-once-and-the-caller-hears-about-it',
  },
  'upstream-error': {
    status: 502,
    title: 'OSS failed',
    meaning: 'OSS failed (5xx, unreadable answer, unknown code)',
    action: 'Retry later',
    docs: OSS_MAP,
  },
  'upstream-busy': {
    status: 503,
    title: 'OSS is throttling',
    meaning: 'OSS is throttling',
    action: 'Wait `Retry-After` seconds',
    docs: OSS_MAP,
    retryAfter: 'always',
  },
  'upstream-unreachable': {
    status: 503,
    title: 'OSS unreachable',
    meaning: 'The service cannot reach OSS',
    action: 'Wait `Retry-After` seconds',
    docs: OSS_MAP,
    retryAfter: 'always',
  },
  'upstream-unavailable': {
    status: 503,
    title: 'OSS temporarily unavailable',
    meaning:
      'OSS kept failing in this region; the service stops calling it for a short cool-down instead of making every request wait',
    action: 'Wait `Retry-After` seconds',
    docs: 'docs/threat-model.md#circuit-breaker-failing-fast-recovering-alone',
    retryAfter: 'always',
  },
  'not-ready': {
    status: 503,
    title: 'Not ready',
    meaning: '`/readyz` only: OSS is unreachable or refuses the service; `ossCode` says why',
    action: 'Operators check connectivity and credentials',
    docs: ENDPOINTS,
    retryAfter: 'always',
  },
  'shutting-down': {
    status: 503,
    title: 'Not ready',
    meaning: '`/readyz` only: the instance is shutting down and drains its requests',
    action: 'Send traffic to another instance',
    docs: ENDPOINTS,
    retryAfter: 'always',
  },
  'upstream-timeout': {
    status: 504,
    title: 'OSS did not answer in time',
    meaning: 'OSS did not answer in time; the change may or may not have happened',
    action: 'Read the state, then retry',
    docs: OSS_MAP,
  },
} as const satisfies Record<string, ProblemDefinition>;
