import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now. Pebble takes ports from its config file, not port 0, so the
 * number is picked here and handed over; the start-up retries on the rare collision.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
