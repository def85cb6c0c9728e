// The audit log: what every write did, who asked, and what OSS said (docs/state.md).
export { AuditEntry, CertificateState, type NewAuditEntry } from './entry.ts';
export { AuditLog, type AuditQuery } from './log.ts';
export { default as auditPlugin } from './plugin.ts';
export { REPLAYED } from './record.ts';
export { AuditPage, AuditQueryString, auditRoutes } from './routes.ts';
