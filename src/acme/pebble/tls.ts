// A throwaway CA and a 127.0.0.1/localhost server certificate for Pebble's own HTTPS listener: Debian's
// package ships none. openssl (installed by scripts/test-setup.sh) makes them; Node has no X.509 writer.

import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PebbleTls {
  caPem: string;
  certFile: string;
  keyFile: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** Writes ca.pem, cert.pem and key.pem into dir; the CA's key is used once and thrown away. */
export async function makePebbleTls(dir: string): Promise<PebbleTls> {
  const file = (name: string) => join(dir, name);
  await run('openssl', [
    'req',
    '-x509',
    ...EC,
    '-days',
    '2',
    '-subj',
    '/CN=oss-cname-service throwaway Pebble CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
    '-keyout',
    file('ca-key.pem'),
    '-out',
    file('ca.pem'),
  ]);
  await run('openssl', [
    'req',
    ...EC,
    '-subj',
    '/CN=localhost',
    '-keyout',
    file('key.pem'),
    '-out',
    file('cert.csr'),
  ]);
  await writeFile(
    file('ext.cnf'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
  );
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    file('cert.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca-key.pem'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('ext.cnf'),
    '-out',
    file('cert.pem'),
  ]);
  return {
    caPem: await readFile(file('ca.pem'), 'utf8'),
    certFile: file('cert.pem'),
    keyFile: file('key.pem'),
  };
}
