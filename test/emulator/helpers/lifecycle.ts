// Binds a domain the way a caller does: token, TXT record at _dnsauth.<domain>, PutCname.

import { expect } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.ts';
import type { BucketOps } from './oss.ts';

export async function tokenFor(ops: BucketOps, domain: string): Promise<string> {
  const answer = await ops.createToken(domain);
  expect(answer.status).toBe(200);
  expect(answer.token).toMatch(/^[0-9a-f]{32}$/);
  return answer.token;
}

export async function publishToken(emulator: Emulator, ops: BucketOps, domain: string): Promise<string> {
  const token = await tokenFor(ops, domain);
  await emulator.setDnsRecord(`_dnsauth.${domain}`, { type: 'TXT', values: [token] });
  return token;
}

export async function bind(emulator: Emulator, ops: BucketOps, domain: string): Promise<void> {
  await publishToken(emulator, ops, domain);
  const answer = await ops.put(domain);
  expect(answer.status).toBe(200);
}
