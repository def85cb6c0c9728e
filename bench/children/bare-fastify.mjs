// The floor for cold start (row 5): a bare Fastify process with one route, in plain JavaScript so that,
// like dist/main.js, it loads without type stripping. Prints `bare fastify listening on <url>`.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ status: 'ok' }));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
process.stdout.write(`bare fastify listening on ${url}\n`);
