// Managed domains at work: the rows in the store, the loop that advances due domains through the ports
// (OSS, DNS, certificates), and what the /domains routes ask of them.

export { composeManagedDomains, type ManagedDomainParts } from './compose.ts';
export { createDnsPort, type DnsPort, type DnsPortSettings } from './dns-port.ts';
export { type EffectPorts, failureObservation } from './effects.ts';
export { ManagedDomains, type ManagedDomainsDeps, notManaged } from './managed-domains.ts';
export { createOssPort, type OssPort } from './oss-port.ts';
export { type PassDeps, type PassOutcome, reconcileOne } from './pass.ts';
export { Reconciler, type ReconcilerSettings } from './reconciler.ts';
export { DomainRepository, type ListFilter } from './repository.ts';
