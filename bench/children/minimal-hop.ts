// The limit of one HTTP hop, in its own process: bare Fastify routes that make OSS calls through the
// project's OSS client and answer JSON. No logger, hooks, auth, validation, schema or metrics: whatever the
// service costs beyond this is ours. Prints `minimal hop listening on <url>`.
// - GET /buckets/:b/cnames: one ListCname, its bindings (row 2).
// - PUT /buckets/:b/cnames/:d with `{ "calls": [operation, …] }`: exactly those OSS calls in order (the
//   ones the service's request log recorded for its own bind), answering the domain's binding from the
//   last ListCname: the same bind without store, audit, idempotency or DNS pre-flight (bind-cost row).
// Usage: node bench/children/minimal-hop.ts '<json { endpoint, accessKeyId, accessKeySecret }>'

import Fastify from 'fastify';
import { listCname, OssClient } from '../../src/oss/index.ts';
import { directCalls } from '../lib/direct-calls.ts';

const spec = JSON.parse(process.argv[2] ?? '{}') as {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
};
const client = new OssClient({
  region: 'cn-hangzhou',
  endpoint: spec.endpoint,
  credentials: { accessKeyId: spec.accessKeyId, accessKeySecret: spec.accessKeySecret },
});
const app = Fastify({ logger: false });
app.get<{ Params: { bucket: string } }>('/buckets/:bucket/cnames', async (request) => {
  const { cnames } = await client.invoke(listCname, { bucket: request.params.bucket });
  return { bucket: request.params.bucket, items: cnames };
});
app.put<{ Params: { bucket: string; domain: string }; Body: { calls: string[] } }>(
  '/buckets/:bucket/cnames/:domain',
  async (request, reply) => {
    const { bucket, domain } = request.params;
    let last: unknown;
    for (const call of directCalls(request.body.calls, bucket)) last = await call(client, domain);
    const listed = (last as { cnames?: { domain: string }[] } | undefined)?.cnames;
    reply.code(201);
    return { bucket, ...(listed?.find((c) => c.domain === domain) ?? { domain }) };
  },
);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
const stop = () => {
  void app.close().then(() => client.close().then(() => process.exit(0)));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdout.write(`minimal hop listening on ${url}\n`);
