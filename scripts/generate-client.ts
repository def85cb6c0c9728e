// Writes clients/typescript/src/generated from openapi/openapi.json with @hey-api/openapi-ts: the typed
// SDK functions, the types and the fetch client they run on (no runtime dependency). `npm run client`
// after `npm run openapi`; test/client/drift.test.ts checks the committed files match.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@hey-api/openapi-ts';
import { OPENAPI_PATH } from './generate-openapi.ts';

export const CLIENT_DIR = fileURLToPath(new URL('../clients/typescript', import.meta.url));
export const GENERATED_DIR = join(CLIENT_DIR, 'src', 'generated');

/** Generates the client into `outDir` (emptied first). */
export async function generateClient(outDir: string = GENERATED_DIR): Promise<void> {
  await createClient({
    // The parsed document rather than a path: a relative path reads as a Hey API registry shorthand.
    input: JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')),
    output: {
      path: outDir,
      clean: true,
      // The package's own tsconfig decides the import style (nodenext: `.js` specifiers), wherever
      // the output goes, so a run into a temporary folder gives the same text.
      tsConfigPath: join(CLIENT_DIR, 'tsconfig.json'),
    },
    plugins: [
      '@hey-api/typescript',
      // Every call throws on an error answer; src/client.ts turns problem bodies into typed errors.
      { name: '@hey-api/client-fetch', throwOnError: true },
      '@hey-api/sdk',
    ],
    logs: { level: 'silent', file: false },
  });
  withoutDomTypes(join(outDir, 'client', 'client.gen.ts'));
}

/**
 * The fetch client's server-sent-events helper casts to DOM's `BodyInit`, which Node's own fetch types
 * (the service compiles without lib "dom") do not declare. `RequestInit['body']` is the same type under
 * both, so the package type-checks with or without "dom" and the root tsconfig stays Node-only.
 */
function withoutDomTypes(file: string): void {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replaceAll('as BodyInit | null | undefined', "as RequestInit['body']"));
}

/** Every generated file by its path inside `dir`, for the drift test. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = readFileSync(path, 'utf8');
  }
  return files;
}

/** Generates into a temporary folder and returns what it holds. */
export async function generateClientTree(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'client-gen-'));
  try {
    await generateClient(dir);
    return readTree(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  await generateClient();
  console.log(`wrote ${GENERATED_DIR}`);
}
