// Public surface of the embedded OSS emulator.

export type { EmulatorControls } from './admin/controls.ts';
export type { DnsRecordInput } from './admin/schemas.ts';
export type { StateView } from './admin/state-view.ts';
export {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_BUCKET,
  DEFAULT_DNS_DOMAIN,
  DEFAULT_REGION,
  DEFAULT_SEED,
} from './default-seed.ts';
export { buildEmulator, type Emulator, type EmulatorCredentials } from './emulator.ts';
export type { Fault, FaultInput } from './faults/registry.ts';
export { OPERATION_NAMES, type OperationName } from './operations.ts';
export type { EmulatorOptions } from './options.ts';
export { parseSeed, type Seed, SeedError } from './seed/schema.ts';
export { StateFileError } from './state/persistence.ts';
