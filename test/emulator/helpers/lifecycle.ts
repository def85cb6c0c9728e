// Binds a domain the way a caller does: token, TXT record at _dnsauth.<domain>, PutCname.

import { expect } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.ts';
import type { CnameOps } from './oss-request.ts';
import { xmlText } from './xml.ts';

export async function tokenFor(ops: CnameOps, domain: string): Promise<string> {
  const answer = await ops.createToken(domain);
  expect(answer.status, answer.body).toBe(200);
  const token = xmlText(answer.body, 'CnameToken/Token');
  expect(token).toMatch(/^[0-9a-f]{32}$/);
  return token as string;
}

export async function publishToken(emulator: Emulator, ops: CnameOps, domain: string): Promise<string> {
  const token = await tokenFor(ops, domain);
  await emulator.setDnsRecord(`_dnsauth.${domain}`, { type: 'TXT', values: [token] });
  return token;
}

export async function bind(emulator: Emulator, ops: CnameOps, domain: string): Promise<void> {
  await publishToken(emulator, ops, domain);
  const answer = await ops.put(domain);
  expect(answer.status, answer.body).toBe(200);
}
