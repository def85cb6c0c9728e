// Signs one test certificate with `openssl ca`; certs.ts decides what to sign and by whom.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inTempDir, openssl } from './openssl.ts';

export interface SignRequest {
  key: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  extension: Record<string, string>;
  isCa?: boolean;
  digest?: 'sha256' | 'sha1' | undefined;
  /** Absent: self-signed. */
  issuer?: { pem: string; key: string };
}

/** `openssl ca` is the only signer in OpenSSL 3.0 that takes explicit notBefore/notAfter dates. */
export function sign(request: SignRequest): Promise<string> {
  return inTempDir(async (dir) => {
    await writeFile(join(dir, 'key.pem'), request.key);
    await writeFile(join(dir, 'index.txt'), '');
    // A random positive serial, so certificates from different runs never share issuer + serial.
    await writeFile(join(dir, 'serial'), `1${randomBytes(15).toString('hex').slice(1)}\n`);
    await writeFile(join(dir, 'ca.cnf'), caConfig(dir, request));
    await openssl(['req', '-new', '-key', 'key.pem', '-subj', request.subject, '-out', 'req.csr'], dir);
    const issuerArgs = request.issuer
      ? ['-cert', 'issuer.pem', '-keyfile', 'issuer-key.pem']
      : ['-selfsign', '-keyfile', 'key.pem'];
    if (request.issuer) {
      await writeFile(join(dir, 'issuer.pem'), request.issuer.pem);
      await writeFile(join(dir, 'issuer-key.pem'), request.issuer.key);
    }
    await openssl(
      [
        'ca',
        '-batch',
        '-notext',
        '-preserveDN',
        '-config',
        'ca.cnf',
        '-in',
        'req.csr',
        '-out',
        'cert.pem',
        '-extensions',
        'cert_ext',
        '-md',
        request.digest ?? 'sha256',
        '-startdate',
        asn1Time(request.notBefore),
        '-enddate',
        asn1Time(request.notAfter),
        ...issuerArgs,
      ],
      dir,
    );
    return readFile(join(dir, 'cert.pem'), 'utf8');
  });
}

function caConfig(dir: string, request: SignRequest): string {
  const usage = request.isCa
    ? ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign']
    : [
        'basicConstraints = critical, CA:FALSE',
        'keyUsage = critical, digitalSignature, keyEncipherment',
        'extendedKeyUsage = serverAuth',
      ];
  const extra = Object.entries(request.extension).map(([name, value]) => `${name} = ${value}`);
  return [
    '[ ca ]',
    'default_ca = test_ca',
    '[ test_ca ]',
    `database = ${join(dir, 'index.txt')}`,
    `new_certs_dir = ${dir}`,
    `serial = ${join(dir, 'serial')}`,
    'default_md = sha256',
    'policy = policy_any',
    'unique_subject = no',
    'email_in_dn = no',
    '[ policy_any ]',
    'organizationName = optional',
    'commonName = optional',
    '[ cert_ext ]',
    ...usage,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    ...extra,
    '',
  ].join('\n');
}

/** UTCTime (YYMMDDHHMMSSZ) until 2049, GeneralizedTime after, as X.509 requires. */
function asn1Time(date: Date): string {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const year = date.getUTCFullYear();
  return `${year >= 1950 && year < 2050 ? iso.slice(2) : iso}Z`;
}
