// The API key file (`API_KEYS_FILE`): {"keys": [entry, ...]}, holding only digests of the keys.
// Loading is all-or-nothing: one bad entry rejects the file, so a typo never silently drops a scope.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { digestFromHash, KEY_HASH_PATTERN } from './api-key.ts';
import { checkBucketPattern, checkDomainPattern, type PatternCheck } from './scope-patterns.ts';
import { ACTIONS, type Scopes } from './types.ts';

const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function patternList(check: (raw: string) => PatternCheck) {
  return z.array(z.string()).transform((list, ctx) => {
    const out: string[] = [];
    for (const raw of list) {
      const result = check(raw);
      if (result.ok) out.push(result.pattern);
      else ctx.addIssue({ code: 'custom', message: result.reason });
    }
    return out;
  });
}

const ENTRY_FIELDS = 'id, hash, buckets, domains, actions, createdAt, description';

/** Unknown fields are refused, not ignored: `revoked` or `expiresAt` would otherwise look honoured. */
function unknownFields(issue: { code?: string; keys?: string[] }): string | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  return `unknown field ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}: an entry holds only ${ENTRY_FIELDS} (to revoke a key, delete its entry)`;
}

export const keyEntrySchema = z.strictObject(
  {
    id: z
      .string()
      .regex(KEY_ID_PATTERN, { error: 'id must be 1-64 of A-Z a-z 0-9 . _ - (starting alphanumeric)' }),
    hash: z
      .string()
      .regex(KEY_HASH_PATTERN, { error: 'hash must be "sha256:" and 64 lower-case hex digits' }),
    buckets: patternList(checkBucketPattern),
    domains: patternList(checkDomainPattern),
    actions: z.array(z.enum(ACTIONS, { error: `actions are ${ACTIONS.join(', ')}` })),
    /** Informational; written by the CLI. */
    createdAt: z.string().optional(),
    /** Informational; free text for operators. */
    description: z.string().optional(),
  },
  { error: unknownFields },
);

export type KeyEntryInput = z.input<typeof keyEntrySchema>;

export interface KeyEntry {
  id: string;
  /** SHA-256 of the key. */
  digest: Buffer;
  scopes: Scopes;
}

const keyFileSchema = z.strictObject(
  { keys: z.array(keyEntrySchema) },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}: the file holds only "keys"`
        : undefined,
  },
);

export class KeyFileError extends Error {
  override name = 'KeyFileError';
}

export function parseKeyFile(text: string, source: string): KeyEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new KeyFileError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? first.path.join('.') : 'file';
    throw new KeyFileError(`${source}: ${where}: ${first?.message ?? 'invalid'}`);
  }
  return toEntries(parsed.data.keys, source);
}

function toEntries(entries: z.output<typeof keyEntrySchema>[], source: string): KeyEntry[] {
  const ids = new Set<string>();
  const hashes = new Set<string>();
  return entries.map((entry, index) => {
    if (ids.has(entry.id)) throw new KeyFileError(`${source}: keys.${index}.id: duplicate id "${entry.id}"`);
    if (hashes.has(entry.hash))
      throw new KeyFileError(`${source}: keys.${index}.hash: same key as another entry`);
    ids.add(entry.id);
    hashes.add(entry.hash);
    return {
      id: entry.id,
      digest: digestFromHash(entry.hash),
      scopes: { buckets: entry.buckets, domains: entry.domains, actions: entry.actions },
    };
  });
}

export function readKeyFileSync(path: string): KeyEntry[] {
  return parseKeyFile(
    readText(() => readFileSync(path, 'utf8'), path),
    path,
  );
}

export async function readKeyFile(path: string): Promise<KeyEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new KeyFileError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseKeyFile(text, path);
}

function readText(read: () => string, path: string): string {
  try {
    return read();
  } catch (error) {
    throw new KeyFileError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
