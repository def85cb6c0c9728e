// Ownership tokens: create (telling a new token from a still-valid one, counted against the key) and read.
export { ShareGate, type ShareGateOptions } from './share-gate.ts';
export { type CreatedToken, TokenService } from './token-service.ts';
