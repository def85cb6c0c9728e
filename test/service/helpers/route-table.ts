// Every API route with what it needs from an API key. The auth tests run each row through the same
// checks (401 without or with a bad key, 403 per missing action, bucket and domain scope, success in
// scope), and fail when a route exists that has no row here: add a row with each new route.
import type { Action } from '../../../src/auth/types.ts';

export interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route pattern as registered, e.g. /buckets/:bucket/cnames/:domain. */
  route: string;
  /** Every action the request below needs. */
  actions: Action[];
  /** Whether the route names a domain (in the path or the body), so domain scope applies. */
  domainScoped: boolean;
  /** A concrete request for bucket and domain. */
  request(bucket: string, domain: string): { url: string; body?: unknown };
  /** Statuses acceptable when the key is fully in scope (the fake OSS starts with the domain bound). */
  okStatuses: number[];
}

const enc = encodeURIComponent;

export const ROUTES: RouteCase[] = [
  {
    method: 'POST',
    route: '/buckets/:bucket/cname-tokens',
    actions: ['cname:write'],
    domainScoped: true,
    request: (bucket, domain) => ({ url: `/buckets/${bucket}/cname-tokens`, body: { domain } }),
    okStatuses: [200, 201, 409],
  },
  {
    method: 'GET',
    route: '/buckets/:bucket/cname-tokens/:domain',
    actions: ['cname:read'],
    domainScoped: true,
    request: (bucket, domain) => ({ url: `/buckets/${bucket}/cname-tokens/${enc(domain)}` }),
    okStatuses: [200, 404],
  },
  {
    method: 'GET',
    route: '/buckets/:bucket/cnames',
    actions: ['cname:read'],
    domainScoped: false,
    request: (bucket) => ({ url: `/buckets/${bucket}/cnames` }),
    okStatuses: [200],
  },
  {
    method: 'GET',
    route: '/buckets/:bucket/cnames/:domain',
    actions: ['cname:read'],
    domainScoped: true,
    request: (bucket, domain) => ({ url: `/buckets/${bucket}/cnames/${enc(domain)}` }),
    okStatuses: [200],
  },
  {
    method: 'GET',
    route: '/buckets/:bucket/cnames/:domain/checks',
    actions: ['cname:read'],
    domainScoped: true,
    request: (bucket, domain) => ({ url: `/buckets/${bucket}/cnames/${enc(domain)}/checks` }),
    okStatuses: [200],
  },
  {
    method: 'PUT',
    route: '/buckets/:bucket/cnames/:domain',
    actions: ['cname:write'],
    domainScoped: true,
    request: (bucket, domain) => ({ url: `/buckets/${bucket}/cnames/${enc(domain)}`, body: {} }),
    okStatuses: [200, 201],
  },
  {
    method: 'PUT',
    route: '/buckets/:bucket/cnames',
    actions: ['cname:write'],
    domainScoped: true,
    request: (bucket, domain) => ({ url: `/buckets/${bucket}/cnames`, body: { domain } }),
    okStatuses: [200, 201],
  },
  {
    method: 'PUT',
    route: '/buckets/:bucket/cnames/:domain',
    actions: ['cname:write', 'cert:write'],
    domainScoped: true,
    request: (bucket, domain) => ({
      url: `/buckets/${bucket}/cnames/${enc(domain)}`,
      body: { certificate: { certId: '493000-cn-hangzhou' }, force: true },
    }),
    okStatuses: [200, 201, 422],
  },
  {
    method: 'DELETE',
    route: '/buckets/:bucket/cnames/:domain',
    actions: ['cname:write'],
    domainScoped: true,
    request: (bucket, domain) => ({ url: `/buckets/${bucket}/cnames/${enc(domain)}` }),
    okStatuses: [204],
  },
  {
    method: 'DELETE',
    route: '/buckets/:bucket/cnames',
    actions: ['cname:write'],
    domainScoped: true,
    request: (bucket, domain) => ({ url: `/buckets/${bucket}/cnames`, body: { domain } }),
    okStatuses: [204],
  },
  {
    method: 'DELETE',
    route: '/buckets/:bucket/cnames/:domain/certificate',
    actions: ['cert:write'],
    domainScoped: true,
    request: (bucket, domain) => ({ url: `/buckets/${bucket}/cnames/${enc(domain)}/certificate` }),
    okStatuses: [204],
  },
  {
    method: 'POST',
    route: '/buckets/:bucket/domains',
    actions: ['cname:write'],
    domainScoped: true,
    request: (bucket, domain) => ({
      url: `/buckets/${bucket}/domains`,
      body: { domain, certificate: 'none' },
    }),
    // The fake OSS has the domain bound already: OSS gives no token for it (409 already-bound).
    okStatuses: [202, 409],
  },
  {
    method: 'GET',
    route: '/buckets/:bucket/domains',
    actions: ['cname:read'],
    domainScoped: false,
    request: (bucket) => ({ url: `/buckets/${bucket}/domains` }),
    okStatuses: [200],
  },
  {
    method: 'GET',
    route: '/buckets/:bucket/domains/:domain',
    actions: ['cname:read'],
    domainScoped: true,
    request: (bucket, domain) => ({ url: `/buckets/${bucket}/domains/${enc(domain)}` }),
    okStatuses: [200, 404],
  },
  {
    method: 'POST',
    route: '/buckets/:bucket/domains/:domain/check',
    actions: ['cname:write'],
    domainScoped: true,
    request: (bucket, domain) => ({ url: `/buckets/${bucket}/domains/${enc(domain)}/check` }),
    okStatuses: [202, 404],
  },
  {
    method: 'DELETE',
    route: '/buckets/:bucket/domains/:domain',
    actions: ['cname:write'],
    domainScoped: true,
    request: (bucket, domain) => ({ url: `/buckets/${bucket}/domains/${enc(domain)}` }),
    okStatuses: [202, 404],
  },
];

/** API routes outside any one bucket, whose auth rules their own tests check (test/audit, test/webhooks). */
export const UNSCOPED_ROUTES = [
  'GET /audit',
  'POST /webhooks',
  'GET /webhooks',
  'GET /webhooks/:id',
  'DELETE /webhooks/:id',
  'POST /webhooks/:id/rotate-secret',
  'GET /webhooks/:id/deliveries',
  'POST /webhooks/:id/deliveries/:deliveryId/redeliver',
];

/** Routes that answer without a key (docs assets are matched by prefix). */
export const PUBLIC_ROUTES = ['/livez', '/readyz', '/metrics'];
export const PUBLIC_PREFIXES = ['/docs'];
