// Turns tracing on when an OTLP endpoint is configured: a tracer provider exporting over OTLP/HTTP
// (protobuf or JSON), W3C trace context for incoming and outgoing requests, AsyncLocalStorage so a span
// follows the request through awaits. The SDK is loaded only then: with tracing off nothing of it is
// imported (nor the API), and the app registers no tracing hooks.
import type { Sampler } from '@opentelemetry/sdk-trace';
import type { SamplerName, TelemetrySettings } from './settings.ts';
import { setActiveTracing } from './tracer.ts';

export const DEFAULT_SERVICE_NAME = 'oss-cname-service';
const TRACER_NAME = 'oss-cname-service';

export interface Telemetry {
  readonly enabled: boolean;
  /** Exports every span ended so far; tests and shutdown use it. */
  forceFlush(): Promise<void>;
  /** Flushes, then turns tracing off and releases the global registrations. */
  shutdown(): Promise<void>;
}

const OFF: Telemetry = { enabled: false, forceFlush: async () => {}, shutdown: async () => {} };

export async function setupTelemetry(settings: TelemetrySettings): Promise<Telemetry> {
  if (!settings.enabled) return OFF;
  const [api, sdk, resources, core, hooks, exporter] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/core'),
    import('@opentelemetry/context-async-hooks'),
    settings.protocol === 'http/json'
      ? import('@opentelemetry/exporter-trace-otlp-http')
      : import('@opentelemetry/exporter-trace-otlp-proto'),
  ]);
  // Lowest to highest precedence: the SDK's defaults, our name, OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME.
  let resource = resources
    .defaultResource()
    .merge(resources.resourceFromAttributes({ 'service.name': DEFAULT_SERVICE_NAME }))
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  if (settings.serviceName !== undefined) {
    resource = resource.merge(resources.resourceFromAttributes({ 'service.name': settings.serviceName }));
  }
  const provider = new sdk.TracerProvider({
    resource,
    sampler: samplerFor(sdk, settings.sampler, settings.ratio),
    spanProcessors: [
      new sdk.BatchSpanProcessor({ exporter: new exporter.OTLPTraceExporter({ url: settings.tracesUrl }) }),
    ],
  });
  const contextManager = new hooks.AsyncLocalStorageContextManager().enable();
  api.context.setGlobalContextManager(contextManager);
  api.propagation.setGlobalPropagator(
    new core.CompositePropagator({
      propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()],
    }),
  );
  api.trace.setGlobalTracerProvider(provider);
  setActiveTracing({ tracer: provider.getTracer(TRACER_NAME), api });
  return {
    enabled: true,
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      setActiveTracing(undefined);
      await provider.shutdown();
      api.trace.disable();
      api.propagation.disable();
      api.context.disable();
    },
  };
}

type Sdk = typeof import('@opentelemetry/sdk-trace');

function samplerFor(sdk: Sdk, name: SamplerName, ratio: number): Sampler {
  switch (name) {
    case 'always_on':
      return new sdk.AlwaysOnSampler();
    case 'always_off':
      return new sdk.AlwaysOffSampler();
    case 'traceidratio':
      return new sdk.TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_on':
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(ratio) });
  }
}
