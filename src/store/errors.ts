// The store's failures that callers act on: a database written by newer code, and a database that
// cannot be reached (writes then answer 503 store-unavailable).
import { type ProblemError, problem } from '../errors/problem.ts';

export class SchemaTooNewError extends Error {
  readonly databaseVersion: number;
  readonly codeVersion: number;

  constructor(databaseVersion: number, codeVersion: number) {
    super(
      `the database schema is version ${databaseVersion}, newer than this service knows (${codeVersion}); ` +
        'run a newer release of the service, or restore a backup made for this one',
    );
    this.name = 'SchemaTooNewError';
    this.databaseVersion = databaseVersion;
    this.codeVersion = codeVersion;
  }
}

export class DataDirLockedError extends Error {
  readonly dataDir: string;
  readonly pid: number;

  constructor(dataDir: string, pid: number) {
    super(
      `DATA_DIR ${dataDir} is in use by another process (pid ${pid}); ` +
        'stop it, or give this one another DATA_DIR (or DATABASE_URL for several replicas)',
    );
    this.name = 'DataDirLockedError';
    this.dataDir = dataDir;
    this.pid = pid;
  }
}

export const STORE_RETRY_AFTER_SECONDS = 5;

export function storeUnavailable(cause: unknown): ProblemError {
  return problem(
    'store-unavailable',
    `The service cannot reach its database, so it accepts no writes; retry after ${STORE_RETRY_AFTER_SECONDS} s. Reads keep working.`,
    {
      headers: { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) },
      cause,
    },
  );
}
