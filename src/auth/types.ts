import type {} from 'fastify';

// The caller identity the auth plugin attaches to each request and the routes authorize against.

export const ACTIONS = ['cname:read', 'cname:write', 'cert:write', 'audit:read', 'webhooks:manage'] as const;
export type Action = (typeof ACTIONS)[number];

/** What an API key may touch: bucket-name globs, domain-suffix globs, actions. */
export interface Scopes {
  buckets: string[];
  domains: string[];
  actions: Action[];
}

export interface Principal {
  keyId: string;
  scopes: Scopes;
  /** scopes.buckets compiled once by the key store; authorize() compiles it when absent. */
  bucketMatcher?: RegExp | undefined;
}

/** What a route needs before it calls OSS. `domain` is the normalized domain, when the route has one. */
export interface AccessRequest {
  action: Action;
  bucket: string;
  domain?: string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin on authenticated routes. */
    principal?: Principal;
  }
}
