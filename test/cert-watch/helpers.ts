// The expiry watch over a real store and the service-test fake OSS, on a clock the test moves.

import {
  CertificateWatch,
  CertificateWatchRepository,
  type CertificateWatchSettings,
} from '../../src/cert-watch/index.ts';
import { DomainRepository } from '../../src/reconciler/index.ts';
import { OssAccess } from '../../src/services/index.ts';
import type { Store } from '../../src/store/index.ts';
import type { FakeOss } from '../helpers/fake-oss.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const T0 = new Date('2027-01-01T00:00:00Z');
export const BUCKET = 'web-site';

export const SETTINGS: CertificateWatchSettings = {
  pollMs: 60_000,
  batchSize: 20,
  leaseMs: 120_000,
  watchIntervalMs: HOUR,
  endGraceMs: DAY,
};

export class Clock {
  t = T0.getTime();
  readonly now = () => new Date(this.t);
  /** Moves to `days` after T0. */
  to(days: number): void {
    this.t = T0.getTime() + days * DAY;
  }
}

const date = (d: Date) => ({ raw: d.toUTCString(), iso: d.toISOString() });

/** Binds `domain` in the fake with a certificate valid until `notAfter`. */
export function bindCertificate(fake: FakeOss, domain: string, notAfter: Date, fingerprint = 'AA:01'): void {
  const others = (fake.bindings.get(BUCKET) ?? []).filter((b) => b.domain !== domain);
  fake.bindings.set(BUCKET, [
    ...others,
    {
      domain,
      lastModified: date(T0),
      status: 'Enabled',
      isWildcard: false,
      certificate: {
        type: 'Upload',
        certId: `${fingerprint.replaceAll(':', '')}-cn-hangzhou`,
        status: 'Enabled',
        creationDate: date(T0),
        fingerprint,
        validStartDate: date(new Date(T0.getTime() - DAY)),
        validEndDate: date(notAfter),
      },
    },
  ]);
}

/** One process's watch: its own owner, over `store`. */
export function watchOn(store: Store, fake: FakeOss, clock: Clock): CertificateWatch {
  const oss = new OssAccess(fake, { defaultRegion: 'cn-hangzhou' });
  const domains = new DomainRepository(store);
  return new CertificateWatch(
    {
      repository: new CertificateWatchRepository(store),
      bindings: (bucket) => oss.bucket(bucket).bindings(),
      managedCertificates: async (bucket) => {
        const { rows } = await domains.list(bucket, { limit: 100 });
        return new Set(rows.filter((r) => r.certificateMode === 'managed').map((r) => r.domain));
      },
      now: clock.now,
      log: { warn: () => {} },
    },
    SETTINGS,
  );
}
