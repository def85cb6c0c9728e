// The service's pino logger: JSON lines, secrets redacted by field name and scrubbed from free text.
import type { Writable } from 'node:stream';
import { type Level, type LevelWithSilent, type Logger, pino, stdSerializers } from 'pino';
import { REDACTED, SECRET_FIELDS, scrubText, scrubValue } from './scrub.ts';

/**
 * pino's own redaction for the first three levels; the scrubber in formatters.log covers every depth and
 * free text, so a secret needs to slip past both to reach a line.
 */
function redactPaths(): string[] {
  const paths: string[] = [];
  for (const field of SECRET_FIELDS) {
    const access = /^[A-Za-z_]+$/.test(field) ? `.${field}` : `["${field}"]`;
    paths.push(`*${access}`, `*.*${access}`);
    if (access.startsWith('.')) paths.push(field);
  }
  return paths;
}

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
      redact: { paths: redactPaths(), censor: REDACTED },
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
    options.stream ?? pino.destination({ dest: 1, sync: true }),
  );
}

export type { Level, Logger };
