// Opening the store at service start: every failure an operator can meet becomes one line naming the
// setting to fix (DATA_DIR in use, a database newer than the code, PostgreSQL unreachable).
import { join } from 'node:path';
import { StartupError } from '../config/startup-error.ts';
import type { StoreConfig } from '../config/types.ts';
import { DataDirLockedError, SchemaTooNewError } from './errors.ts';
import { openStore } from './open-store.ts';
import type { Store } from './types.ts';

/** The embedded emulator's state file: beside the store, so a restart finds both consistent. */
export function emulatorStatePath(config: StoreConfig): string {
  return join(config.dataDir, 'emulator-state.json');
}

export async function openServiceStore(config: StoreConfig): Promise<Store> {
  const setting = config.databaseUrl === undefined ? 'DATA_DIR' : 'DATABASE_URL';
  try {
    return await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof SchemaTooNewError) {
      throw new StartupError(setting, error.message);
    }
    const e = error as NodeJS.ErrnoException;
    // pg's and node:sqlite's messages name the host or file, never the password.
    throw new StartupError(setting, `cannot open the database: ${e.code ? `${e.code} ` : ''}${e.message}`);
  }
}
