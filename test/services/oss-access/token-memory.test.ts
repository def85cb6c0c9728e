// Tokens OSS handed out are remembered until shortly before they expire, and forgotten when the domain is
// bound or unbound, or OSS says it holds none.
import { describe, expect, it } from 'vitest';
import { OssAccess } from '../../../src/services/oss-access/index.ts';
import { TokenMemory } from '../../../src/services/oss-access/token-memory.ts';
import { FakeOss } from '../../helpers/fake-oss.ts';

const DOMAIN = 'www.example.com';
const T0 = Date.parse('2026-12-01T00:00:00Z');

function tokenUntil(expiresAt: number, token = 'a'.repeat(32)) {
  const iso = new Date(expiresAt).toISOString();
  return {
    status: 200,
    requestId: 'R',
    bucket: 'examplebucket',
    domain: DOMAIN,
    token,
    expireTime: { raw: iso, iso },
  };
}

describe('TokenMemory', () => {
  it('recalls a token until its margin before OSS expiry, by bucket and domain in any case', () => {
    let now = T0;
    const memory = new TokenMemory({ marginMs: 60_000, now: () => now });
    memory.learn('examplebucket', 'WWW.example.com', tokenUntil(T0 + 3_600_000));
    expect(memory.recall('examplebucket', DOMAIN)?.token).toBe('a'.repeat(32));
    expect(memory.recall('siblingbucket', DOMAIN)).toBeUndefined();
    now = T0 + 3_600_000 - 60_001;
    expect(memory.recall('examplebucket', DOMAIN)).toBeDefined();
    now += 1;
    expect(memory.recall('examplebucket', DOMAIN)).toBeUndefined();
  });

  it('keeps no token whose expiry it cannot read, and forgets the oldest beyond its size', () => {
    const memory = new TokenMemory({ maxEntries: 1, now: () => T0 });
    memory.learn('b', DOMAIN, { ...tokenUntil(T0 + 3_600_000), expireTime: { raw: 'soon', iso: undefined } });
    expect(memory.recall('b', DOMAIN)).toBeUndefined();
    memory.learn('b', 'one.example.com', tokenUntil(T0 + 3_600_000));
    memory.learn('b', 'two.example.com', tokenUntil(T0 + 3_600_000));
    expect(memory.recall('b', 'one.example.com')).toBeUndefined();
    expect(memory.recall('b', 'two.example.com')).toBeDefined();
  });
});

describe('BucketOss tokens', () => {
  it('remembers what CreateCnameToken and GetCnameToken answer, and forgets it on a bind, an unbind or none', async () => {
    const oss = new FakeOss().addBucket('examplebucket', 'cn-hangzhou');
    const bucket = new OssAccess(oss, { defaultRegion: 'cn-hangzhou' }).bucket('examplebucket');
    const created = await bucket.createToken(DOMAIN);
    expect(bucket.rememberedToken(DOMAIN)?.token).toBe(created.token);
    await bucket.bind(DOMAIN, undefined);
    expect(bucket.rememberedToken(DOMAIN)).toBeUndefined();
    await bucket.liveToken(DOMAIN);
    expect(bucket.rememberedToken(DOMAIN)?.token).toBe(created.token);
    await bucket.unbind(DOMAIN);
    expect(bucket.rememberedToken(DOMAIN)).toBeUndefined();
    await bucket.token(DOMAIN);
    oss.tokens.clear();
    await expect(bucket.liveToken(DOMAIN)).resolves.toBeUndefined();
    expect(bucket.rememberedToken(DOMAIN)).toBeUndefined();
  });
});
