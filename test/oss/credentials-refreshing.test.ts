// The refresh rules every expiring provider shares, driven by a scripted fetch and an injected clock.
import { describe, expect, it } from 'vitest';
import { RefreshingCredentialsProvider } from '../../src/oss/credentials/refreshing.ts';
import type { Credentials } from '../../src/oss/credentials/types.ts';
import { OssCredentialsError } from '../../src/oss/errors.ts';

describe('RefreshingCredentialsProvider rules', () => {
  function counting(results: Array<Credentials | Error>, now: () => number) {
    let calls = 0;
    const provider = new RefreshingCredentialsProvider({
      now,
      fetch: async () => {
        const r = results[Math.min(calls++, results.length - 1)];
        if (r instanceof Error) throw r;
        if (!r) throw new Error('no result');
        return r;
      },
    });
    return { provider, calls: () => calls };
  }

  it('never refreshes long-lived credentials (no expiration)', async () => {
    const { provider, calls } = counting([{ accessKeyId: 'a', accessKeySecret: 'b' }], () => 0);
    for (let i = 0; i < 3; i++) await provider.getCredentials();
    expect(calls()).toBe(1);
  });

  it('has no early window when the lifetime is short (0.8 x remaining <= 120 s)', async () => {
    let now = 1_000_000;
    const { provider, calls } = counting(
      [{ accessKeyId: 'a', accessKeySecret: 'b', expiration: new Date(now + 100_000) }],
      () => now,
    );
    await provider.getCredentials();
    now += 90_000;
    await provider.getCredentials();
    expect(calls()).toBe(1);
    now += 20_000; // expired
    await provider.getCredentials();
    expect(calls()).toBe(2);
  });

  it('wraps fetch failures on a blocking refresh in OssCredentialsError', async () => {
    const { provider } = counting([new Error('metadata down')], () => 0);
    const err = (await provider.getCredentials().catch((e: unknown) => e)) as OssCredentialsError;
    expect(err).toBeInstanceOf(OssCredentialsError);
    expect((err.cause as Error).message).toBe('metadata down');
  });
});
