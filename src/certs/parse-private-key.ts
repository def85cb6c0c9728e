// Turns the private key field into a KeyObject, refusing encrypted keys before node:crypto would ask for
// a passphrase. Accepted forms: PKCS#8, PKCS#1 (RSA) and SEC1 (EC), the latter optionally preceded by
// the EC PARAMETERS block `openssl ecparam -genkey` writes.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { certIssue } from './issues.ts';
import { MAX_KEY_BLOCKS, MAX_PRIVATE_KEY_PEM_BYTES } from './limits.ts';
import { reason } from './openssl-reason.ts';
import { type PemBlock, pemFieldIssue, scanPem, toPem } from './pem.ts';
import type { CertIssue } from './types.ts';

export type ParsedPrivateKey = { ok: true; key: KeyObject; pem: string } | { ok: false; issue: CertIssue };

const KEY_TYPES: Readonly<Record<string, 'pkcs8' | 'pkcs1' | 'sec1'>> = {
  'PRIVATE KEY': 'pkcs8',
  'RSA PRIVATE KEY': 'pkcs1',
  'EC PRIVATE KEY': 'sec1',
};
const IGNORED_LABELS = new Set(['EC PARAMETERS']);
const ENCRYPTED_HEADER = /^Proc-Type:\s*4\s*,\s*ENCRYPTED/i;

export function parsePrivateKey(pem: string): ParsedPrivateKey {
  const unusable = pemFieldIssue(pem, MAX_PRIVATE_KEY_PEM_BYTES, 'private key');
  if (unusable) return fail(unusable);
  const scan = scanPem(pem, MAX_KEY_BLOCKS);
  const blocks = scan.blocks.filter((block) => !IGNORED_LABELS.has(block.label));
  const encrypted = blocks.find(isEncrypted);
  if (encrypted) {
    return fail(
      certIssue('private-key-encrypted', `The ${encrypted.label} block is protected by a passphrase.`),
    );
  }
  const foreign = blocks.find((block) => KEY_TYPES[block.label] === undefined);
  if (foreign) {
    return fail(
      certIssue(
        'private-key-not-a-key',
        `The private key field holds a "${foreign.label}" PEM block, which is not a private key.`,
      ),
    );
  }
  if (scan.truncated || blocks.length > 1) {
    return fail(
      certIssue('private-key-unparseable', 'The private key field holds more than one private key.'),
    );
  }
  if (scan.damage !== undefined)
    return fail(certIssue('private-key-unparseable', `Damaged PEM: ${scan.damage}.`));
  const [block] = blocks;
  if (block === undefined) {
    return fail(certIssue('private-key-unparseable', 'No -----BEGIN PRIVATE KEY----- block was found.'));
  }
  if (block.problem !== undefined)
    return fail(certIssue('private-key-unparseable', `${capitalize(block.problem)}.`));
  const type = KEY_TYPES[block.label] ?? 'pkcs8';
  try {
    const key = createPrivateKey({ key: block.der, format: 'der', type });
    return { ok: true, key, pem: canonicalPem(key, block.label) };
  } catch (error) {
    return fail(
      certIssue(
        'private-key-unparseable',
        `The ${block.label} block is not a valid ${type} key (${reason(error)}).`,
      ),
    );
  }
}

/**
 * Re-encodes the key in the form its label claims when that form fits the key, else PKCS#8. OpenSSL's
 * decoders accept a PKCS#8 body under an `RSA PRIVATE KEY` label; sending that on would be mislabelled.
 */
function canonicalPem(key: KeyObject, label: string): string {
  const kind = key.asymmetricKeyType;
  const type =
    label === 'RSA PRIVATE KEY' && kind === 'rsa'
      ? 'pkcs1'
      : label === 'EC PRIVATE KEY' && kind === 'ec'
        ? 'sec1'
        : 'pkcs8';
  const der = key.export({ type, format: 'der' });
  return toPem(
    type === 'pkcs1' ? 'RSA PRIVATE KEY' : type === 'sec1' ? 'EC PRIVATE KEY' : 'PRIVATE KEY',
    der,
  );
}

function isEncrypted(block: PemBlock): boolean {
  return block.label === 'ENCRYPTED PRIVATE KEY' || block.headers.some((line) => ENCRYPTED_HEADER.test(line));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fail(issue: CertIssue): ParsedPrivateKey {
  return { ok: false, issue };
}
