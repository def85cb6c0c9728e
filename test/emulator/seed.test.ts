// Seeds: the minimal seed of the brief works, mistakes are reported with their path, and the default
// seed's exported credentials sign requests the embedded emulator accepts.

import { describe, expect, it } from 'vitest';
import {
  buildEmulator,
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  DEFAULT_BUCKET,
  DEFAULT_REGION,
  parseSeed,
  SeedError,
} from '../../src/emulator/index.ts';
import { closeOssClients, emulatorBucket } from './helpers/oss.ts';

const MINIMAL = {
  accounts: [{ id: '1000000000000001', accessKeys: [{ id: 'AK', secret: 'SK' }] }],
  buckets: [{ name: 'examplebucket', region: 'cn-hangzhou', owner: '1000000000000001' }],
  casCertificates: [],
};

describe('seed validation', () => {
  it('accepts the minimal seed', () => {
    expect(parseSeed(MINIMAL).buckets[0]?.name).toBe('examplebucket');
  });

  it.each([
    [
      'an oss- region',
      { ...MINIMAL, buckets: [{ ...MINIMAL.buckets[0], region: 'oss-cn-hangzhou' }] },
      'buckets[0].region',
    ],
    [
      'an unknown owner',
      { ...MINIMAL, buckets: [{ ...MINIMAL.buckets[0], owner: '9' }] },
      'buckets[0].owner',
    ],
    [
      'a bad bucket name',
      { ...MINIMAL, buckets: [{ ...MINIMAL.buckets[0], name: '_admin' }] },
      'buckets[0].name',
    ],
    [
      'a duplicate key id',
      {
        ...MINIMAL,
        accounts: [
          {
            id: '1',
            accessKeys: [
              { id: 'AK', secret: 'a' },
              { id: 'AK', secret: 'b' },
            ],
          },
        ],
        buckets: [],
      },
      'accounts[0].accessKeys[1].id',
    ],
    [
      'a CAS entry without data',
      { ...MINIMAL, casCertificates: [{ id: '1-cn-hangzhou', owner: '1000000000000001' }] },
      'casCertificates[0]',
    ],
    [
      'an unknown denied action',
      {
        ...MINIMAL,
        accounts: [{ id: '1', accessKeys: [{ id: 'AK', secret: 'a', deniedActions: ['PutObject'] }] }],
        buckets: [],
      },
      'deniedActions',
    ],
    ['a typo in a field', { ...MINIMAL, bukets: [] }, 'bukets'],
  ])('reports %s with its path', (_, seed, path) => {
    let error: unknown;
    try {
      parseSeed(seed);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeedError);
    expect((error as Error).message).toContain(path);
  });
});

describe('default seed', () => {
  it('has examplebucket in cn-hangzhou, reachable with the exported key', async () => {
    const emulator = await buildEmulator({ log: () => {} });
    try {
      expect(emulator.credentials).toEqual({
        accessKeyId: DEFAULT_ACCESS_KEY_ID,
        accessKeySecret: DEFAULT_ACCESS_KEY_SECRET,
        securityToken: undefined,
      });
      const ops = emulatorBucket(emulator.url, DEFAULT_BUCKET, { credentials: emulator.credentials });
      const answer = await ops.location();
      expect(answer.location).toBe(`oss-${DEFAULT_REGION}`);
    } finally {
      await closeOssClients();
      await emulator.close();
    }
  });
});
