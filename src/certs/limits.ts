// Bounds on what the checks will read, so hostile input costs at most a few milliseconds. Real material is
// far below them: a leaf plus two intermediates is about 6 KiB; an RSA-16384 PKCS#8 key is about 13 KiB.

/** Bytes (UTF-8) of the certificate field. */
export const MAX_CERTIFICATE_PEM_BYTES = 64 * 1024;
/** Bytes (UTF-8) of the private key field. */
export const MAX_PRIVATE_KEY_PEM_BYTES = 32 * 1024;
/** Certificates in one chain, leaf included. */
export const MAX_CHAIN_LENGTH = 10;
/** PEM blocks read from the private key field (an EC key may come with an EC PARAMETERS block). */
export const MAX_KEY_BLOCKS = 4;
/** Signature checks one upload may cost: a chain of ten linked certificates needs nine. */
export const MAX_SIGNATURE_CHECKS = 2 * MAX_CHAIN_LENGTH;
/** RSA public exponent bits: each check costs one exponentiation with it; real keys use 65537 (17 bits). */
export const MAX_RSA_EXPONENT_BITS = 32;
/** RSA modulus bits: OpenSSL's own ceiling for a public-key operation. */
export const MAX_RSA_MODULUS_BITS = 16_384;
/** Days left under which the leaf draws certificate-expiring-soon. */
export const EXPIRING_SOON_DAYS = 30;
