// The limit of one HTTP hop, in its own process: a bare Fastify route that calls ListCname through the
// project's OSS client and returns the bindings as JSON. No logger, hooks, auth, validation, schema or
// metrics: whatever the service costs beyond this is ours. Prints `minimal hop listening on <url>`.
// Usage: node bench/children/minimal-hop.ts '<json { endpoint, accessKeyId, accessKeySecret }>'

import Fastify from 'fastify';
import { listCname, OssClient } from '../../src/oss/index.ts';

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
const url = await app.listen({ host: '127.0.0.1', port: 0 });
const stop = () => {
  void app.close().then(() => client.close().then(() => process.exit(0)));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdout.write(`minimal hop listening on ${url}\n`);
