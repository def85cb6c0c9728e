// Secrets at rest: AES-256-GCM sealing with SECRETS_KEY, and where that key comes from.
export {
  assertSecretsKeyPresent,
  loadSecretsKey,
  parseSecretsKey,
  SECRETS_KEY_FILE,
  type SecretsKey,
  type SecretsKeyInput,
} from './key-source.ts';
export { createSealer, keyIdOf, SealedSecretError, type Sealer, sealedKeyId } from './sealer.ts';
