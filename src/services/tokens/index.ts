// Ownership tokens: create (telling a new token from a still-valid one) and read.
export { type CreatedToken, TokenService } from './token-service.ts';
