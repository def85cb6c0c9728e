// A reason the service cannot start, tied to the setting to fix. lifecycle.ts prints it as one line
// (`NAME: message`) and exits 1, without a stack trace.
export class StartupError extends Error {
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(message);
    this.name = 'StartupError';
    this.setting = setting;
  }

  get line(): string {
    return `${this.setting}: ${this.message}`;
  }
}

/** The one-line form of anything thrown while starting, for the errors we expect operators to meet. */
export function startupLine(error: unknown, ports: { port: number; emulatorPort: number; dnsPort: number }) {
  if (error instanceof StartupError) return error.line;
  const e = error as NodeJS.ErrnoException & { port?: number };
  if (e?.name === 'KeyFileError') return `API_KEYS_FILE: ${e.message}`;
  if (e?.name === 'SeedError') return `EMULATOR_SEED: ${e.message.replace(/\s*\n\s*/g, '; ')}`;
  if (e?.code === 'EADDRINUSE' || e?.code === 'EACCES') {
    const setting =
      e.port === ports.emulatorPort
        ? 'EMULATOR_PORT'
        : e.port === ports.dnsPort
          ? 'EMULATOR_DNS_PORT'
          : 'PORT';
    const reason = e.code === 'EADDRINUSE' ? 'is already in use' : 'may not be bound by this user';
    return `${setting}: port ${e.port ?? '?'} ${reason}`;
  }
  return undefined;
}
