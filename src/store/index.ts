// The durable state of the service: one query layer over SQLite (embedded) or PostgreSQL (replicas).
export { claimDue, type LeasedTable } from './claim-due.ts';
export { LOCK_FILE, lockDataDir } from './data-dir-lock.ts';
export { DataDirLockedError, SchemaTooNewError } from './errors.ts';
export { isStoreUnavailable, storeFailure } from './failure.ts';
export { emulatorStatePath, openServiceStore } from './for-service.ts';
export { type MigrationResult, migrate } from './migrate.ts';
export { MIGRATIONS, type Migration } from './migrations/index.ts';
export { openMemoryStore, openStore, SQLITE_FILE, type StoreSettings } from './open-store.ts';
export { redactUrl } from './redact-url.ts';
export { type ShareClaim, type ShareRef, TokenShares } from './token-shares.ts';
export type { EngineKind, Queryable, Row, SqlValue, Store } from './types.ts';
