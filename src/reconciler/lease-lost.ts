// A pass that finds, right before an OSS write, that its claim is no longer its own: another replica took
// the row over while this one stalled (its heartbeat could not renew the lease in time). The pass stops
// there, writes nothing to OSS or the store, and leaves the row to its new owner.
export class LeaseLostError extends Error {
  constructor(bucket: string, domain: string) {
    super(`the lease on ${bucket}/${domain} passed to another replica`);
    this.name = 'LeaseLostError';
  }
}
