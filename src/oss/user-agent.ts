import { arch, platform, release } from 'node:os';

export const CLIENT_NAME = 'oss-cname-client';
export const CLIENT_VERSION = '0.1.0';

/** `oss-cname-client/0.1.0 (linux/6.1.0/x64;v24.21.0)[/suffix]`, shaped like the official SDKs' agents. */
export function userAgent(suffix?: string): string {
  const base = `${CLIENT_NAME}/${CLIENT_VERSION} (${platform()}/${release()}/${arch()};${process.version})`;
  return suffix ? `${base}/${suffix}` : base;
}
