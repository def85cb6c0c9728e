/**
 * Test private keys made with `openssl`, cached: the same spec and name give the same key.
 *
 *   makeKey({ type: 'rsa', bits: 2048 }, { name: 'stranger' })      // a key no certificate uses
 *   encryptKey(pem, 'pkcs8' | 'pkcs1' | 'sec1')             // passphrase-protected copy (passphrase "test")
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cached, inTempDir, openssl } from './openssl.ts';

export type KeySpec = { type: 'rsa'; bits: number } | { type: 'ec'; curve: string } | { type: 'ed25519' };
export type KeyFormat = 'pkcs8' | 'pkcs1' | 'sec1';

const PASSPHRASE = 'test';

/** A private key in PKCS#8 PEM, or in the requested format. */
export function makeKey(spec: KeySpec, options: { name?: string; format?: KeyFormat } = {}): Promise<string> {
  const format = options.format ?? 'pkcs8';
  const name = options.name ?? 'leaf';
  if (format !== 'pkcs8') {
    return cached(`key:${JSON.stringify(spec)}:${name}:${format}`, async () =>
      convertKey(await makeKey(spec, { name }), format),
    );
  }
  return cached(`key:${JSON.stringify(spec)}:${name}:pkcs8`, () =>
    inTempDir(async (dir) => {
      await openssl(['genpkey', ...genpkeyArgs(spec), '-out', 'key.pem'], dir);
      return readFile(join(dir, 'key.pem'), 'utf8');
    }),
  );
}

function genpkeyArgs(spec: KeySpec): string[] {
  if (spec.type === 'rsa') return ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${spec.bits}`];
  if (spec.type === 'ec') {
    return [
      '-algorithm',
      'EC',
      '-pkeyopt',
      `ec_paramgen_curve:${spec.curve}`,
      '-pkeyopt',
      'ec_param_enc:named_curve',
    ];
  }
  return ['-algorithm', 'ED25519'];
}

function convertKey(pkcs8: string, format: KeyFormat, encrypt = false): Promise<string> {
  return inTempDir(async (dir) => {
    await writeFile(join(dir, 'in.pem'), pkcs8);
    const cipher = encrypt ? ['-aes256', '-passout', `pass:${PASSPHRASE}`] : [];
    const tool = format === 'pkcs1' ? ['rsa', '-traditional'] : format === 'sec1' ? ['ec'] : ['pkey'];
    return openssl([...tool, '-in', 'in.pem', ...cipher], dir);
  });
}

/** A passphrase-protected copy of a key: ENCRYPTED PRIVATE KEY (pkcs8) or Proc-Type: 4,ENCRYPTED (pkcs1/sec1). */
export function encryptKey(pem: string, format: KeyFormat): Promise<string> {
  return cached(`encrypted:${format}:${pem}`, () => convertKey(pem, format, true));
}
