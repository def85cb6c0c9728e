/**
 * Certificates built byte by byte, for what openssl will not make: RSA keys whose public exponent is
 * almost as long as the modulus, so each signature check costs a full modular exponentiation. The
 * signatures are random (a verify fails, but only after paying that price); the certificates parse.
 *
 *   hostileChainPem({ count: 10 })   // ten certificates sharing one subject/issuer name
 */
import { randomBytes } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
/** A positive INTEGER from big-endian magnitude bytes. */
const integer = (magnitude: Buffer) =>
  tlv(0x02, (magnitude[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), magnitude]) : magnitude);
const oid = (hex: string) => tlv(0x06, Buffer.from(hex, 'hex'));
const NULL = Buffer.from([0x05, 0x00]);
const SHA256_WITH_RSA = sequence(oid('2a864886f70d01010b'), NULL);
const RSA_ENCRYPTION = sequence(oid('2a864886f70d010101'), NULL);

function name(commonName: string): Buffer {
  return sequence(tlv(0x31, sequence(oid('550403'), tlv(0x0c, Buffer.from(commonName)))));
}

function utcTime(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-01-02T03:04:05.000Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return tlv(0x17, Buffer.from(text));
}

/** Random bytes of `bits` bits with the top bit set (and the bottom bit, so the number is odd). */
function bigOdd(bits: number): Buffer {
  const bytes = randomBytes(Math.ceil(bits / 8));
  const top = (bits - 1) % 8;
  bytes[0] = ((bytes[0] ?? 0) & ((1 << (top + 1)) - 1)) | (1 << top);
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) | 1;
  return bytes;
}

export interface HostileChainOptions {
  /** Certificates in the chain; default 10. */
  count?: number;
  /** Modulus bits; default 3072 (OpenSSL lets any exponent below the modulus through at this size). */
  modulusBits?: number;
  /** Public exponent bits; default modulusBits - 2. */
  exponentBits?: number;
}

/** One v1 certificate whose subject and issuer are both `commonName`. */
export function hostileCertificateDer(commonName: string, options: HostileChainOptions = {}): Buffer {
  const modulusBits = options.modulusBits ?? 3072;
  const exponentBits = options.exponentBits ?? modulusBits - 2;
  const modulus = bigOdd(modulusBits);
  const publicKey = sequence(integer(modulus), integer(bigOdd(exponentBits)));
  const now = Date.now();
  const tbs = sequence(
    integer(randomBytes(8).subarray(0, 8).fill(1, 0, 1)),
    SHA256_WITH_RSA,
    name(commonName),
    sequence(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 86_400_000 * 300))),
    name(commonName),
    sequence(RSA_ENCRYPTION, tlv(0x03, Buffer.from([0]), publicKey)),
  );
  // Below the modulus (top byte cleared), so OpenSSL computes rather than refusing it as too large.
  const signature = randomBytes(modulusBits / 8);
  signature[0] = 0;
  return sequence(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0]), signature));
}

export function hostileChainPem(options: HostileChainOptions = {}): string {
  const count = options.count ?? 10;
  return Array.from({ length: count }, () => {
    const base64 = hostileCertificateDer('Hostile CA', options).toString('base64');
    const lines = base64.match(/.{1,64}/g) ?? [];
    return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
  }).join('');
}
