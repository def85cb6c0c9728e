// The project's OSS client (src/oss) against the emulator's faults over real HTTP: retries through
// injected errors and resets, a PutCname that took effect before failing, clock-skew correction from the
// emulator's Date header, and STS credentials.
import { describe, expect, it } from 'vitest';
import { createCnameToken, getBucketInfo, listCname, putCname } from '../../src/oss/index.ts';
import { STS_KEY } from './helpers/emulator.ts';
import { emulatorClients } from './helpers/emulator-clients.ts';

const { client, emulator: started } = emulatorClients();
const bucket = 'examplebucket';

describe('OssClient resilience against the emulator', () => {
  it('corrects its clock from RequestTimeTooSkewed and succeeds', async () => {
    await started().setClockOffset(3600);
    const c = client();
    expect((await c.invoke(listCname, { bucket })).status).toBe(200);
    expect(Math.abs(c.clockOffsetMs - 3_600_000)).toBeLessThan(60_000);
  });

  it('retries injected 503s and resets', async () => {
    started().addFault({ op: 'ListCname', kind: 'status', status: 503, count: 1 });
    started().addFault({ op: 'GetBucketInfo', kind: 'reset', count: 1 });
    const c = client();
    expect((await c.invoke(listCname, { bucket })).status).toBe(200);
    expect((await c.invoke(getBucketInfo, { bucket })).name).toBe(bucket);
    expect(started().state().faults).toEqual([]);
  });

  it('retries a PutCname that failed after taking effect without a duplicate binding', async () => {
    const c = client();
    const { token } = await c.invoke(createCnameToken, { bucket, domain: 'r.example.com' });
    await started().setDnsRecord('_dnsauth.r.example.com', { type: 'TXT', values: [token] });
    started().addFault({ op: 'PutCname', kind: 'status', status: 500, count: 1, when: 'after' });
    expect((await c.invoke(putCname, { bucket, domain: 'r.example.com' })).status).toBe(200);
    expect((await c.invoke(listCname, { bucket })).cnames.map((x) => x.domain)).toEqual(['r.example.com']);
  });

  it('works with STS credentials', async () => {
    expect((await client(STS_KEY).invoke(listCname, { bucket })).status).toBe(200);
  });
});
