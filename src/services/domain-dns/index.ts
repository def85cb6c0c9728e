// What DNS must show for a domain to bind (the CNAME target, the ownership TXT record), and the one DNS
// pre-flight the services share.
export { cnameTarget } from './cname-target.ts';
export { DnsInspector, type DnsInspectorOptions } from './dns-inspector.ts';
export { ownershipRecord } from './ownership-record.ts';
