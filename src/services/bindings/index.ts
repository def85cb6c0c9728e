// Bindings of domains to a bucket: the service the routes call, and the views and checks it is made of.
export { type Aged, BindingService, type BindingServiceOptions, type PutOutcome } from './binding-service.ts';
export { isoOf } from './binding-view.ts';
export { dryRunAnswer, simpleCallPreview } from './dry-run-view.ts';
export { OwnershipGate } from './ownership-gate.ts';
export type { Preconditions } from './preconditions.ts';
