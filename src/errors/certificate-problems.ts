// The certificate checks that block an upload, each answered as its own 422 code. Their fix lines live with
// the checks (src/certs/issues.ts); test/errors checks this list against the checks' severities.
import type { ProblemDefinition } from './problem-definition.ts';

/** Every blocking check shares the title: the first failing check's code names which one failed. */
function check(meaning: string): ProblemDefinition {
  return {
    status: 422,
    title: 'The certificate cannot be used',
    meaning: `${meaning}; \`certificateErrors\` lists every failed check`,
    action: 'Apply the `fix` of each issue',
    docs: 'docs/certificates.md#checks',
  };
}

export const CERTIFICATE_PROBLEMS = {
  'certificate-missing': check('No certificate was sent with the private key'),
  'certificate-too-large': check('The certificate field is over its size limit'),
  'certificate-chain-too-long': check('The chain holds more certificates than a leaf and its intermediates'),
  'certificate-unparseable': check('The certificate is not readable PEM'),
  'certificate-not-a-certificate': check('The certificate field holds something else (a key, a CSR)'),
  'certificate-chain-broken': check('A certificate of the chain did not issue the one before it'),
  'certificate-hostname-mismatch': check('The certificate does not cover the domain'),
  'certificate-expired': check('The leaf has expired'),
  'certificate-not-yet-valid': check('The leaf is not valid yet'),
  'certificate-weak-key': check("The leaf's key is too short"),
  'certificate-key-type-unsupported': check("OSS does not accept the leaf's key type"),
  'certificate-weak-signature': check('A certificate is signed with SHA-1 or MD5'),
  'private-key-missing': check('No private key was sent with the certificate'),
  'private-key-too-large': check('The private key field is over its size limit'),
  'private-key-unparseable': check('The private key is not readable PEM'),
  'private-key-not-a-key': check('The private key field holds something else (a certificate)'),
  'private-key-encrypted': check('The private key is encrypted'),
  'private-key-mismatch': check("The private key is not the leaf's"),
} as const satisfies Record<string, ProblemDefinition>;
