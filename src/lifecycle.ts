// The process's life (loaded by main.ts, the entry): load the configuration, start tracing when an OTLP
// endpoint is set (src/telemetry), start the embedded OSS emulator when there are no OSS credentials,
// build the app, listen, and handle signals (SIGHUP reloads API keys; SIGTERM/SIGINT drain in-flight
// requests, close the OSS client and the emulator, flush the last spans, and exit 0 within
// SHUTDOWN_GRACE_MS).
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { createDevelopmentKey } from './auth/development-key.ts';
import { type CertificateWiring, certificatesFromConfig } from './certificates/from-config.ts';
import { usesRealOss } from './config/credentials-source.ts';
import { emulatorBanner, emulatorOptions, withEmulator } from './config/emulator-mode.ts';
import { startupLine } from './config/startup-error.ts';
import { type Config, loadConfig } from './config.ts';
import type { Emulator } from './emulator/index.ts';
import { assertSecretsKeyPresent, createSealer, loadSecretsKey, type Sealer } from './secrets/index.ts';
import { emulatorStatePath, openServiceStore, type Store } from './store/index.ts';
import { setupTelemetry, type Telemetry, telemetrySettings } from './telemetry/index.ts';
import { storedSecretKeyIds } from './webhooks/index.ts';

function refuseToStart(lines: string[]): never {
  for (const line of lines) process.stderr.write(`Configuration error: ${line}\n`);
  process.exit(1);
}

interface Started {
  app: FastifyInstance;
  emulator: Emulator | undefined;
  store: Store;
  certificates: CertificateWiring;
  announce(): void;
}

/** Managed certificates never keep the service from starting: without them, the reason is logged. */
async function startCertificates(
  config: Config,
  store: Store,
  emulator: Emulator | undefined,
): Promise<CertificateWiring> {
  try {
    return await certificatesFromConfig({
      config,
      store,
      emulator:
        emulator === undefined
          ? undefined
          : {
              url: emulator.url,
              dns: emulator.dns,
              defaultZone: emulator.seed.dnsDomains?.[0]?.name ?? 'acme.example.net',
            },
      secretsKey: config.SECRETS_KEY,
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { driver: undefined, line: `Managed certificates are off: ${why}`, close: async () => {} };
  }
}

async function start(config: Config): Promise<Started> {
  let emulator: Emulator | undefined;
  let effective = config;
  // First: it takes DATA_DIR's lock, which also guards the emulator's state file there.
  const store = await openServiceStore(config);
  const mode = usesRealOss(config) ? 'remote' : 'emulator';
  if (mode === 'emulator') {
    // Loaded only here: a production start never needs the emulator's code.
    const { buildEmulator } = await import('./emulator/index.ts');
    emulator = await buildEmulator({
      ...emulatorOptions(config),
      statePath: emulatorStatePath(config),
    }).catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
    effective = withEmulator(config, emulator);
    process.stderr.write(emulatorBanner(emulator));
  }
  const devKey = emulator && config.API_KEYS_FILE === undefined ? createDevelopmentKey() : undefined;
  const certificates = await startCertificates(effective, store, emulator);
  try {
    const sealer = await secretsSealer(config, mode, store);
    const app = buildApp(effective, {
      apiKeys: devKey ? [devKey.entry] : undefined,
      store,
      sealer,
      certificates: certificates.driver,
    });
    const url = await app.listen({ host: config.HOST, port: config.PORT });
    // Announced only once the signal handlers are in place: whoever waits for these lines may signal at once.
    const announce = () => {
      app.log.info(
        {
          mode,
          url,
          ossEndpoint: effective.OSS_ENDPOINT ?? `region ${effective.OSS_REGION}`,
          emulator: emulator?.url,
          store: store.description,
        },
        'service started',
      );
      if (emulator)
        app.log.warn({ emulator: emulator.url }, 'EMULATOR MODE: requests never reach Alibaba Cloud');
      if (certificates.driver) app.log.info(certificates.line);
      else app.log.warn(certificates.line);
      // On its own line on stdout, once: the only place this key is ever shown.
      if (devKey) process.stdout.write(`Development API key: ${devKey.key}\n`);
    };
    return { app, emulator, store, certificates, announce };
  } catch (error) {
    await certificates.close();
    await emulator?.close();
    await store.close();
    throw error;
  }
}

/** SECRETS_KEY, or the emulator's key in DATA_DIR; production without it only while nothing is sealed. */
async function secretsSealer(
  config: Config,
  mode: 'emulator' | 'remote',
  store: Store,
): Promise<Sealer | undefined> {
  const key = loadSecretsKey({ secretsKey: config.SECRETS_KEY, mode, dataDir: config.DATA_DIR });
  assertSecretsKeyPresent(key, await storedSecretKeyIds(store));
  return key === undefined ? undefined : createSealer([key.key]);
}

function handleSignals(
  app: FastifyInstance,
  emulator: Emulator | undefined,
  telemetry: Telemetry,
  store: Store,
  certificates: CertificateWiring,
  graceMs: number,
): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal during shutdown: exiting now');
      process.exit(1);
    }
    stopping = true;
    app.log.info(
      { signal, graceMs },
      'shutting down: refusing new connections, finishing in-flight requests',
    );
    setTimeout(() => {
      app.log.error({ graceMs }, 'shutdown grace period over: forcing exit');
      process.exit(1);
    }, graceMs).unref();
    try {
      await app.close();
      // Pebble stops here; its certificates' root is gone with it.
      await certificates.close();
      await emulator?.close();
      await store.close();
      // The last spans (those of the drained requests) are exported before the process goes.
      await telemetry.shutdown();
      app.log.info('shutdown complete');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', () => void app.reloadApiKeys());
  const crash = (error: unknown) => {
    app.log.fatal({ err: error }, 'unexpected failure: exiting');
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}

const loaded = loadConfig(process.env);
if (!loaded.ok) refuseToStart(loaded.errors);
const { config } = loaded;
// Before the app is built: the app adds tracing hooks only when tracing is on by then.
const otel = telemetrySettings(process.env);
if (!otel.ok) refuseToStart(otel.errors);
const telemetry = await setupTelemetry(otel.settings);
try {
  const { app, emulator, store, certificates, announce } = await start(config);
  handleSignals(app, emulator, telemetry, store, certificates, config.SHUTDOWN_GRACE_MS);
  announce();
} catch (error) {
  const line = startupLine(error, {
    port: config.PORT,
    emulatorPort: config.EMULATOR_PORT,
    dnsPort: config.EMULATOR_DNS_PORT,
  });
  if (line === undefined) throw error;
  refuseToStart([line]);
}
