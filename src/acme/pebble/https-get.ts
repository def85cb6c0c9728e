import { request } from 'node:https';

export interface HttpsText {
  status: number;
  body: string;
}

/** One GET that trusts exactly `ca`; used for Pebble's directory and management endpoints. */
export function httpsGet(url: string, ca: string, timeoutMs = 2_000): Promise<HttpsText> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}
