// Reads test certificates back with `openssl`, as an independent check on what the service computes.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inTempDir, openssl } from './openssl.ts';

/** The SHA-1 fingerprint as OpenSSL prints it, `AB:CD:…`. */
export async function opensslSha1Fingerprint(certificatePem: string): Promise<string> {
  return inTempDir(async (dir) => {
    await writeFile(join(dir, 'cert.pem'), certificatePem);
    const out = await openssl(['x509', '-noout', '-fingerprint', '-sha1', '-in', 'cert.pem'], dir);
    return out.trim().split('=')[1] ?? '';
  });
}
