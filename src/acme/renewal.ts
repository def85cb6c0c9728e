// When to renew: inside the CA's ARI window when it offers one (RFC 9773 §4.2, a random point in it), else
// once a third of the lifetime remains, a little earlier at random so that certificates issued together
// do not all renew in the same minute.

export interface RenewalWindow {
  start: string;
  end: string;
}

export interface CertificateDates {
  notBefore: string;
  notAfter: string;
}

/** Share of the lifetime the random advance may take off (3 days of 90). */
const JITTER_SHARE = 1 / 30;

export function renewalTime(
  cert: CertificateDates,
  opts: { window?: RenewalWindow | undefined; random?: () => number } = {},
): Date {
  const random = opts.random ?? Math.random;
  if (opts.window !== undefined) {
    const start = Date.parse(opts.window.start);
    const end = Date.parse(opts.window.end);
    if (Number.isFinite(start) && Number.isFinite(end) && end >= start) {
      return new Date(start + random() * (end - start));
    }
  }
  const notBefore = Date.parse(cert.notBefore);
  const notAfter = Date.parse(cert.notAfter);
  const lifetime = Math.max(0, notAfter - notBefore);
  return new Date(notAfter - lifetime / 3 - random() * lifetime * JITTER_SHARE);
}

export function isRenewalDue(
  cert: CertificateDates,
  now: number,
  opts: { window?: RenewalWindow | undefined; random?: () => number } = {},
): boolean {
  return renewalTime(cert, opts).getTime() <= now;
}
