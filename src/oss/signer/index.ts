export * from './canonical.ts';
export type { SigningCredentials } from './credentials.ts';
export { type AuthorizationFields, authorizationFields, getHeader, setHeader } from './headers.ts';
export * from './time.ts';
export * from './v1.ts';
export * from './v4.ts';
