// Public face of the JSON REST API: one function per resource, each adding its routes to the encapsulated
// API plugin that src/app.ts (the composition root) registers behind authentication.
export { cnameCheckRoutes } from './cname-checks.ts';
export { cnameTokenRoutes } from './cname-tokens.ts';
export { cnameReadRoutes } from './cnames-read.ts';
export { cnameWriteRoutes } from './cnames-write.ts';
export { domainRoutes, guardManagedCnames } from './domains.ts';
