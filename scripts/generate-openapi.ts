// Writes openapi/openapi.json from the routes' zod schemas: builds the app (never listening, no OSS),
// asks @fastify/swagger for the document and writes it pretty-printed with a trailing newline, so the
// committed file changes only when the API does. `npm run openapi`; test/routes/openapi.test.ts checks drift.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { OssInvoker } from '../src/oss/index.ts';

export const OPENAPI_PATH = fileURLToPath(new URL('../openapi/openapi.json', import.meta.url));

/** Generation reads schemas only; any OSS call would mean a route ran, which generation never does. */
const noOss: OssInvoker = {
  invoke: unavailable,
  close: async () => {},
};

function unavailable(): Promise<never> {
  return Promise.reject(new Error('OSS is not available while generating the OpenAPI document'));
}

export async function generateOpenApi(): Promise<string> {
  // A fixed, empty environment: the document must not depend on where it is generated.
  const loaded = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error(`config: ${loaded.errors.join('; ')}`);
  const app = buildApp(loaded.config, { oss: noOss });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

if (import.meta.main) {
  const document = await generateOpenApi();
  writeFileSync(OPENAPI_PATH, document);
  console.log(`wrote ${OPENAPI_PATH} (${document.length} bytes)`);
}
