// `--state` support: the dynamic state, the DNS zone and the clock offset survive a restart. Every save
// writes a temporary file, fsyncs it, renames it over the target and fsyncs the directory, so a kill at
// any moment leaves either the old or the new file, never a torn one.

import { randomUUID } from 'node:crypto';
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { DNS_RECORD_TYPES } from '../../dns/types.ts';
import { alidnsStateSchema } from '../alidns/records.ts';

const certificateSchema = z.object({
  type: z.enum(['CAS', 'Upload']),
  certId: z.string(),
  status: z.literal('Enabled'),
  creationDate: z.number(),
  fingerprint: z.string(),
  validStartDate: z.number(),
  validEndDate: z.number(),
});

const persistedSchema = z.object({
  version: z.literal(1),
  clockOffsetMs: z.number(),
  dynamic: z.object({
    tokens: z.array(
      z.object({
        bucket: z.string(),
        domain: z.string(),
        token: z.string(),
        createdAt: z.number(),
        expiresAt: z.number(),
      }),
    ),
    bindings: z.array(
      z.object({
        domain: z.string(),
        bucket: z.string(),
        owner: z.string(),
        lastModified: z.number(),
        status: z.literal('Enabled'),
        certificate: certificateSchema.optional(),
      }),
    ),
    uploadSequence: z.number().int().nonnegative(),
  }),
  dns: z.array(
    z.object({
      name: z.string(),
      records: z.array(
        z.object({ type: z.enum(DNS_RECORD_TYPES), values: z.array(z.string()), ttl: z.number() }),
      ),
    }),
  ),
  /** Alidns records; absent in files written before the emulator spoke Alidns. */
  alidns: alidnsStateSchema.optional(),
});

export type PersistedState = z.infer<typeof persistedSchema>;

export class StateFileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StateFileError';
  }
}

/** Removes temporary files of saves that a kill interrupted before their rename. */
async function removeLeftovers(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  const leftovers = names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'));
  await Promise.all(leftovers.map((n) => rm(join(dirname(path), n), { force: true })));
}

/** Reads a state file; undefined when it does not exist yet. */
export async function loadStateFile(path: string): Promise<PersistedState | undefined> {
  await removeLeftovers(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(`cannot read state file ${path}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(`state file ${path} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = persistedSchema.safeParse(json);
  if (!result.success) {
    throw new StateFileError(
      `state file ${path} is not an emulator state:\n${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; some platforms refuse to open directories, which costs only that.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {}
}

async function writeAtomically(path: string, contents: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Serializes saves so a later state never loses the race to an earlier one. */
export class StateFile {
  readonly path: string;
  #chain: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.path = path;
  }

  save(state: PersistedState): Promise<void> {
    const contents = `${JSON.stringify(state, null, 2)}\n`;
    const run = this.#chain.then(() => writeAtomically(this.path, contents));
    this.#chain = run.catch(() => {});
    return run;
  }

  /** Resolves once every save started so far has finished. */
  flush(): Promise<void> {
    return this.#chain;
  }
}
