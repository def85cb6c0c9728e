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
 *
 * Certificates with the same key spec share one key unless `keyName` differs. Keys alone (and encrypted
 * copies) come from cert-keys.ts; cert-inspect.ts reads certificates back with openssl.
 */
import { type KeyFormat, type KeySpec, makeKey } from './cert-keys.ts';
import { sign } from './cert-signing.ts';
import { cached } from './openssl.ts';

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
