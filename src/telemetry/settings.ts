// The OpenTelemetry settings, from the standard OTEL_* variables. They are the SDK's, not the service's
// own settings (so they stay out of the service's env schema), but the ones that decide whether and how
// traces leave the process are checked here, so a typo refuses to start instead of silently not tracing.
// The exporter itself still reads the rest (OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT, _CERTIFICATE, …).
import { z } from 'zod';

const sampler = z.enum([
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
]);
export type SamplerName = z.output<typeof sampler>;

const protocol = z.enum(['http/protobuf', 'http/json']);
export type OtlpProtocol = z.output<typeof protocol>;

export type TelemetrySettings =
  | { enabled: false }
  | {
      enabled: true;
      protocol: OtlpProtocol;
      /** Where spans are POSTed. */
      tracesUrl: string;
      serviceName: string | undefined;
      sampler: SamplerName;
      /** The ratio of the *traceidratio samplers, 0..1. */
      ratio: number;
    };

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** An unset variable, or one set to blank (as deployment tools often render unset), is undefined. */
function unsetOr<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );
}

const schema = z.object({
  OTEL_SDK_DISABLED: unsetOr(z.enum(['true', 'false'])),
  OTEL_EXPORTER_OTLP_ENDPOINT: unsetOr(url),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: unsetOr(url),
  OTEL_EXPORTER_OTLP_PROTOCOL: unsetOr(protocol),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: unsetOr(protocol),
  OTEL_SERVICE_NAME: unsetOr(z.string()),
  OTEL_TRACES_SAMPLER: unsetOr(sampler),
  OTEL_TRACES_SAMPLER_ARG: unsetOr(z.coerce.number().min(0).max(1)),
});

export type SettingsResult = { ok: true; settings: TelemetrySettings } | { ok: false; errors: string[] };

export function telemetrySettings(env: Record<string, string | undefined>): SettingsResult {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    };
  }
  const vars = parsed.data;
  const base = vars.OTEL_EXPORTER_OTLP_ENDPOINT;
  // The signal-specific endpoint is used as given; the general one gets the signal's path (OTLP spec).
  const tracesUrl =
    vars.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (base === undefined ? undefined : `${base.replace(/\/+$/, '')}/v1/traces`);
  if (vars.OTEL_SDK_DISABLED === 'true' || tracesUrl === undefined) {
    return { ok: true, settings: { enabled: false } };
  }
  return {
    ok: true,
    settings: {
      enabled: true,
      protocol:
        vars.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? vars.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
      tracesUrl,
      serviceName: vars.OTEL_SERVICE_NAME,
      sampler: vars.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on',
      ratio: vars.OTEL_TRACES_SAMPLER_ARG ?? 1,
    },
  };
}
