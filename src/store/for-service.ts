// Opening the store at service start: every failure an operator can meet becomes one line naming the
// setting to fix (DATA_DIR in use, a database newer than the code, PostgreSQL unreachable).
import { join } from 'node:path';
import type { Config } from '../config/env-schema.ts';
import { StartupError } from '../config/startup-error.ts';
import { DataDirLockedError, SchemaTooNewError } from './errors.ts';
import { openStore } from './open-store.ts';
import type { Store } from './types.ts';

/** The embedded emulator's state file: beside the store, so a restart finds both consistent. */
/** The settings the store opens with, under their own names. */
export type StoreConfig = Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>;

export function emulatorStatePath(config: StoreConfig): string {
  return join(config.DATA_DIR, 'emulator-state.json');
}

export async function openServiceStore(config: StoreConfig): Promise<Store> {
  const setting = config.DATABASE_URL === undefined ? 'DATA_DIR' : 'DATABASE_URL';
  try {
    return await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof SchemaTooNewError) {
      throw new StartupError(setting, error.message);
    }
    const e = error as NodeJS.ErrnoException;
    // pg's and node:sqlite's messages name the host or file, never the password.
    throw new StartupError(setting, `cannot open the database: ${e.code ? `${e.code} ` : ''}${e.message}`);
  }
}
