// Managed domains: the resource, its row, the back-off schedule and the pure transition function.
// The reconciler (I/O) and the routes build on this face.

export { domainEtag, domainIfMatchHolds } from './etag.ts';
export { domainRecords, type RecordsInput } from './records.ts';
export * from './resource.ts';
export * from './row.ts';
export * from './schedule.ts';
export { reconcileEnvFields, toReconcileOptions } from './settings.ts';
export * from './states.ts';
export type * from './steps.ts';
export { createdEvents, type TransitionResult, toEvent, transition } from './transition.ts';
export { certificateValidAt, isReady, toDomainResource } from './view.ts';
export { crossedWarnings } from './watch-steps.ts';
