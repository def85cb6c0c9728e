// /readyz against the real embedded emulator, wired the way lifecycle.ts wires it: ready while it runs,
// 503 once it stops, ready again when it comes back on the same port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { withEmulator } from '../../src/config/emulator-mode.ts';
import { buildEmulator, type Emulator } from '../../src/emulator/index.ts';
import { LogCapture, testConfig } from '../helpers/app.ts';

let emulator: Emulator;
let app: ReturnType<typeof buildApp>;
const logs = new LogCapture();

beforeAll(async () => {
  emulator = await buildEmulator({ port: 0, dnsPort: 0, log: () => {} });
  const config = withEmulator(testConfig({ READINESS_CACHE_MS: '0', OSS_MAX_ATTEMPTS: '1' }), emulator);
  app = buildApp(config, { logStream: logs.stream });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await emulator?.close();
});

describe('/readyz with the emulator', () => {
  it('follows the emulator going away and coming back', async () => {
    const up = await app.inject({ url: '/readyz' });
    expect(up.statusCode).toBe(200);

    const port = emulator.port;
    await emulator.close();
    const down = await app.inject({ url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ code: 'not-ready', ossCode: 'NetworkError' });

    emulator = await buildEmulator({ port, dnsPort: 0, log: () => {} });
    const back = await app.inject({ url: '/readyz' });
    expect(back.statusCode).toBe(200);

    const readyLines = logs.lines.filter((l) => l.route === '/readyz');
    expect(readyLines.map((l) => l.status)).toEqual([200, 503, 200]);
    expect(readyLines[0]?.oss).toEqual([
      expect.objectContaining({
        operation: 'ListBuckets',
        status: 200,
        requestId: expect.stringMatching(/^[0-9A-F]{24}$/),
      }),
    ]);
  });
});
