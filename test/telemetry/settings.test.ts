// Which OTEL_* variables turn tracing on, how they are read, and what a span may never carry.
import { describe, expect, it } from 'vitest';
import { isSecretKey, sanitizeAttributes, telemetrySettings } from '../../src/telemetry/index.ts';

describe('telemetrySettings', () => {
  it('is off unless an OTLP endpoint is set, and off when OTEL_SDK_DISABLED=true', () => {
    expect(telemetrySettings({})).toEqual({ ok: true, settings: { enabled: false } });
    expect(telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toEqual({
      ok: true,
      settings: { enabled: false },
    });
    expect(
      telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }),
    ).toEqual({ ok: true, settings: { enabled: false } });
  });

  it('appends /v1/traces to the general endpoint, takes the traces endpoint as given, defaults to protobuf', () => {
    expect(telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({
      ok: true,
      settings: {
        enabled: true,
        protocol: 'http/protobuf',
        tracesUrl: 'http://collector:4318/v1/traces',
        serviceName: undefined,
        sampler: 'parentbased_always_on',
        ratio: 1,
      },
    });
    const specific = telemetrySettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/ingest',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'cname',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    });
    expect(specific).toMatchObject({
      ok: true,
      settings: {
        tracesUrl: 'https://traces.example.com/ingest',
        protocol: 'http/json',
        serviceName: 'cname',
        sampler: 'parentbased_traceidratio',
        ratio: 0.25,
      },
    });
  });

  it('refuses what it cannot honour: gRPC, unknown samplers, ratios outside 0..1, non-HTTP URLs', () => {
    const errors = (env: Record<string, string>) => {
      const result = telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', ...env });
      return result.ok ? [] : result.errors;
    };
    expect(errors({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toEqual([
      expect.stringMatching(/^OTEL_EXPORTER_OTLP_PROTOCOL: /),
    ]);
    expect(errors({ OTEL_TRACES_SAMPLER: 'jaeger_remote' })).toEqual([
      expect.stringMatching(/^OTEL_TRACES_SAMPLER: /),
    ]);
    expect(errors({ OTEL_TRACES_SAMPLER_ARG: '1.5' })).toHaveLength(1);
    expect(errors({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toEqual([
      expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT: /),
    ]);
  });
});

describe('sanitizeAttributes', () => {
  it('drops secret-named keys and undefined values, and scrubs secrets out of strings', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    const clean = sanitizeAttributes({
      'http.request.header.authorization': 'Bearer abcdefghijklmnop',
      'app.privateKey': 'x',
      'app.token': 'x',
      'oss.request_id': 'RID123',
      'app.detail': `could not parse ${pem}`,
      'app.header': 'Authorization: Bearer abcdefghijklmnopqrs',
      'app.list': ['fine', 'Bearer abcdefghijklmnopqrs'],
      'oss.attempt': 2,
      'app.missing': undefined,
    });
    expect(clean).toEqual({
      'oss.request_id': 'RID123',
      'app.detail': 'could not parse [REDACTED PRIVATE KEY]',
      'app.header': 'Authorization: [REDACTED] [REDACTED]',
      'app.list': ['fine', 'Bearer [REDACTED]'],
      'oss.attempt': 2,
    });
  });

  it('matches secret names by dotted part, whatever the separators and case', () => {
    expect(isSecretKey('http.request.header.x-api-key')).toBe(true);
    expect(isSecretKey('oss.AccessKeySecret')).toBe(true);
    expect(isSecretKey('app.private_key')).toBe(true);
    expect(isSecretKey('dns.check.ownership-txt')).toBe(false);
    expect(isSecretKey('oss.request_id')).toBe(false);
  });
});
