// The store's failures that stop a start: a database written by newer code, and a DATA_DIR another
// process holds. (A database that cannot be reached later is answered by src/errors/store-unavailable.ts.)

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
