// A recording hop on 127.0.0.1 in front of the emulator's OSS endpoint: it forwards every request as is
// (the signature covers what it forwards unchanged) and keeps, for each PutCname, the domain and a hash of
// the certificate it attached, so a test counts attaches per domain the way OSS would see them.
import { createHash } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PutCnameSeen {
  domain: string;
  /** sha256 of the PEM sent, or null for a binding without a certificate. */
  certificate: string | null;
}

export async function startOssRecorder(target: string) {
  const upstream = new URL(target);
  const putCnames: PutCnameSeen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          const kept: Buffer[] = [];
          answer.on('data', (c: Buffer) => kept.push(c));
          answer.on('end', () => {
            // Counted only once OSS took it: the answer says the binding was made.
            if (req.method === 'POST' && /[?&]comp=add\b/.test(req.url ?? '') && answer.statusCode === 200) {
              putCnames.push(seen(body.toString('utf8')));
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(kept));
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    putCnames,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function seen(xml: string): PutCnameSeen {
  const domain = /<Domain>([^<]*)<\/Domain>/.exec(xml)?.[1] ?? '';
  const pem = /<Certificate>([^<]*)<\/Certificate>/.exec(xml)?.[1];
  return { domain, certificate: pem === undefined ? null : createHash('sha256').update(pem).digest('hex') };
}
