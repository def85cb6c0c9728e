import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { AcmeKeyType } from './types.ts';

const generate = promisify(generateKeyPair);

/** A new private key as PKCS#8 PEM, for an account or a certificate. */
export async function createPrivateKey(type: AcmeKeyType = 'ec256'): Promise<string> {
  const encoding = { privateKeyEncoding: { type: 'pkcs8', format: 'pem' } } as const;
  const pair =
    type === 'rsa2048'
      ? await generate('rsa', {
          modulusLength: 2048,
          ...encoding,
          publicKeyEncoding: { type: 'spki', format: 'pem' },
        })
      : await generate('ec', {
          namedCurve: 'P-256',
          ...encoding,
          publicKeyEncoding: { type: 'spki', format: 'pem' },
        });
  return pair.privateKey;
}
