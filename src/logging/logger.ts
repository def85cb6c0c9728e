// The service's pino logger: JSON lines, secrets redacted by field name and scrubbed from free text.
import type { Writable } from 'node:stream';
import { type Level, type LevelWithSilent, type Logger, pino, stdSerializers } from 'pino';
import { REDACTED, scrubText, scrubValue } from './scrub.ts';

/**
 * pino's redaction for the places request headers conventionally land. Only fixed paths: wildcard paths
 * made pino clone and walk every line (a tenth of the CPU under load), and the scrubber in
 * formatters.log already drops secret fields at every depth and secrets in free text.
 */
const HEADER_SECRETS = ['authorization', '"x-api-key"', 'cookie', '"x-oss-security-token"'];
const REDACT_PATHS = ['req.headers', 'request.headers', 'headers'].flatMap((base) =>
  HEADER_SECRETS.map((h) => (h.startsWith('"') ? `${base}[${h}]` : `${base}.${h}`)),
);

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Where lines go; stdout when absent. Tests pass a stream to capture them. */
  stream?: Writable | undefined;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'oss-cname-service' },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // Errors reach here already serialized and scrubbed by formatters.log; keep their original type.
      serializers: { err: (value: unknown) => (value instanceof Error ? stdSerializers.err(value) : value) },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method, _level: number) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    // Asynchronous: lines written while a write is in flight go out together in the next one, instead of
    // one blocking write(2) per line on the event loop. pino flushes what is left when the process exits.
    options.stream ?? pino.destination({ dest: 1, sync: false }),
  );
}

export type { Level, Logger };
