/**
 * Test certificates made with the `openssl` CLI (installed by `npm run pretest`), cached for the life of
 * the test process, so asking twice for the same thing costs nothing.
 *
 *   const good = await makeCertificate({ sans: ['www.example.com'] });
 *   good.chainPem         // leaf + intermediate, leaf first: what a caller uploads
 *   good.certificatePem   // the leaf alone        good.intermediatePem, good.rootPem
 *   good.privateKeyPem    // PKCS#8 unless keyFormat says 'pkcs1' (RSA) or 'sec1' (EC)
 *
 *   makeCertificate({ validity: 'expired' | 'not-yet-valid' | 'expiring-soon' })   // relative to now
 *   makeCertificate({ notBefore, notAfter })             // exact dates (then inject `now` in the check)
 *   makeCertificate({ issuer: 'self', sans: [], cn: 'example.com' })    // self-signed, CN only
 *   makeCertificate({ key: { type: 'rsa', bits: 1024 } })  // or { type: 'ec', curve: 'P-256' | 'secp256k1' }
 *   makeCertificate({ ca: 'other' })                        // issued by a second, unrelated test CA
 *   makeCertificate({ digest: 'sha1' })                     // SHA-1 signed by the intermediate
 *   makeKey({ type: 'rsa', bits: 2048 }, { name: 'stranger' })      // a key no certificate uses
 *   encryptKey(pem, 'pkcs8' | 'pkcs1' | 'sec1')             // passphrase-protected copy (passphrase "test")
 *   opensslSha1Fingerprint(pem)                             // `openssl x509 -fingerprint -sha1`, colon form
 *
 * Certificates with the same key spec share one key unless `keyName` differs. Every openssl run works in
 * its own temporary directory, removed afterwards.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type KeySpec = { type: 'rsa'; bits: number } | { type: 'ec'; curve: string } | { type: 'ed25519' };
export type KeyFormat = 'pkcs8' | 'pkcs1' | 'sec1';
export type Validity = 'valid' | 'expired' | 'not-yet-valid' | 'expiring-soon';

export interface CertSpec {
  /** DNS subjectAltNames; default ['example.com']; [] leaves the extension out. */
  sans?: string[];
  /** Subject CN; default the first SAN, or no CN at all when there are no SANs. */
  cn?: string;
  /** Default RSA 2048. */
  key?: KeySpec;
  /** Certificates with equal `key` and `keyName` share their key. Default 'leaf'. */
  keyName?: string;
  /** Format of `privateKeyPem`; default pkcs8. */
  keyFormat?: KeyFormat;
  /** 'ca' (default): issued by the test intermediate; 'self': self-signed. */
  issuer?: 'ca' | 'self';
  /** Which test CA issues it; each name is its own root + intermediate. Default 'main'. */
  ca?: string;
  /** Validity relative to now; default 'valid' (from a day ago for a year). Ignored when dates are given. */
  validity?: Validity;
  notBefore?: Date;
  notAfter?: Date;
  /** Digest of the issuer's signature; default sha256. */
  digest?: 'sha256' | 'sha1';
}

export interface CertMaterial {
  /** The leaf certificate alone. */
  certificatePem: string;
  privateKeyPem: string;
  /** Leaf then intermediate; equals certificatePem when self-signed. */
  chainPem: string;
  /** '' when self-signed. */
  intermediatePem: string;
  /** '' when self-signed. */
  rootPem: string;
  notBefore: Date;
  notAfter: Date;
}

interface CaMaterial {
  rootPem: string;
  rootKey: string;
  intermediatePem: string;
  intermediateKey: string;
}

const DAY = 86_400_000;
/** [notBefore, notAfter] in days from now. */
const PRESET_DAYS: Readonly<Record<Validity, readonly [number, number]>> = {
  valid: [-1, 365],
  expired: [-400, -35],
  'not-yet-valid': [35, 400],
  'expiring-soon': [-80, 10],
};
const PASSPHRASE = 'test';
const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, make: () => Promise<T>): Promise<T> {
  let entry = cache.get(key) as Promise<T> | undefined;
  if (!entry) {
    entry = make();
    cache.set(key, entry);
  }
  return entry;
}

/** Runs one job in a fresh temporary directory that is removed afterwards. */
async function inTempDir<T>(job: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'oss-cname-certs-'));
  try {
    return await job(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function openssl(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('openssl', args, { cwd, maxBuffer: 1 << 20 });
  return stdout;
}

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

/** The SHA-1 fingerprint as OpenSSL prints it, `AB:CD:…`. */
export async function opensslSha1Fingerprint(certificatePem: string): Promise<string> {
  return inTempDir(async (dir) => {
    await writeFile(join(dir, 'cert.pem'), certificatePem);
    const out = await openssl(['x509', '-noout', '-fingerprint', '-sha1', '-in', 'cert.pem'], dir);
    return out.trim().split('=')[1] ?? '';
  });
}

export function makeCertificate(spec: CertSpec = {}): Promise<CertMaterial> {
  return cached(`cert:${JSON.stringify(spec)}`, () => generateCertificate(spec));
}

async function generateCertificate(spec: CertSpec): Promise<CertMaterial> {
  const keySpec = spec.key ?? { type: 'rsa', bits: 2048 };
  const leafKey = await makeKey(keySpec, { name: spec.keyName ?? 'leaf' });
  const privateKeyPem = spec.keyFormat
    ? await makeKey(keySpec, { name: spec.keyName ?? 'leaf', format: spec.keyFormat })
    : leafKey;
  const { notBefore, notAfter } = datesFor(spec);
  const sans = spec.sans ?? ['example.com'];
  const cn = spec.cn ?? sans[0];
  const subject = cn === undefined ? '/O=Test Leaf Without CN' : `/CN=${cn}`;
  const extension: Record<string, string> =
    sans.length > 0 ? { subjectAltName: sans.map((name) => `DNS:${name}`).join(', ') } : {};
  if (spec.issuer === 'self') {
    const certificatePem = await sign({
      key: leafKey,
      subject,
      notBefore,
      notAfter,
      extension,
      digest: spec.digest,
    });
    return {
      certificatePem,
      privateKeyPem,
      chainPem: certificatePem,
      intermediatePem: '',
      rootPem: '',
      notBefore,
      notAfter,
    };
  }
  const ca = await testCa(spec.ca ?? 'main');
  const certificatePem = await sign({
    key: leafKey,
    subject,
    notBefore,
    notAfter,
    extension,
    digest: spec.digest,
    issuer: { pem: ca.intermediatePem, key: ca.intermediateKey },
  });
  return {
    certificatePem,
    privateKeyPem,
    chainPem: certificatePem + ca.intermediatePem,
    intermediatePem: ca.intermediatePem,
    rootPem: ca.rootPem,
    notBefore,
    notAfter,
  };
}

function datesFor(spec: CertSpec): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  if (spec.notBefore || spec.notAfter) {
    const notBefore = spec.notBefore ?? new Date(now - DAY);
    return { notBefore, notAfter: spec.notAfter ?? new Date(notBefore.getTime() + 365 * DAY) };
  }
  const [from, to] = PRESET_DAYS[spec.validity ?? 'valid'];
  return { notBefore: new Date(now + from * DAY), notAfter: new Date(now + to * DAY) };
}

/** A root and an intermediate per CA name, EC P-256 (fast), valid for decades around now. */
function testCa(name: string): Promise<CaMaterial> {
  return cached(`ca:${name}`, async () => {
    const rootKey = await makeKey({ type: 'ec', curve: 'P-256' }, { name: `ca:${name}:root` });
    const intermediateKey = await makeKey(
      { type: 'ec', curve: 'P-256' },
      { name: `ca:${name}:intermediate` },
    );
    const notBefore = new Date(Date.now() - 3650 * DAY);
    const notAfter = new Date(Date.now() + 3650 * DAY);
    const base = { notBefore, notAfter, isCa: true, extension: {} };
    const rootPem = await sign({
      ...base,
      key: rootKey,
      subject: `/O=OSS CNAME Tests/CN=${name} Test Root CA`,
    });
    const intermediatePem = await sign({
      ...base,
      key: intermediateKey,
      subject: `/O=OSS CNAME Tests/CN=${name} Test Intermediate CA`,
      issuer: { pem: rootPem, key: rootKey },
    });
    return { rootPem, rootKey, intermediatePem, intermediateKey };
  });
}

interface SignRequest {
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
function sign(request: SignRequest): Promise<string> {
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
