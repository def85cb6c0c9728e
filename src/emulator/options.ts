// What buildEmulator accepts; every field is optional and the defaults give a working sandbox.

import type { DnsServerAddress } from '../dns/types.ts';
import type { NowFn } from './clock.ts';

export interface EmulatorOptions {
  /** Address for HTTP and DNS; default 127.0.0.1. */
  host?: string;
  /** HTTP port; 0 (default) picks a free one. */
  port?: number;
  /** DNS port (UDP and TCP); 0 (default) picks a free one. */
  dnsPort?: number;
  /** Seed object (validated); default DEFAULT_SEED. */
  seed?: unknown;
  /** State file: loaded at start when it exists, rewritten atomically after every change. */
  statePath?: string;
  /** Base clock in epoch milliseconds; the admin offset is added to it. Default Date.now. */
  now?: NowFn;
  /** Randomness for rate-based faults; default Math.random. */
  random?: () => number;
  /** Where PutCname looks up `_dnsauth` TXT records; default the emulator's own DNS server. */
  dnsResolver?: DnsServerAddress;
  /** Per-attempt DNS timeout of that lookup; default 2000 ms. */
  dnsTimeoutMs?: number;
  /** Host names that address the emulator itself (path-style), e.g. a Docker service name. */
  endpointHosts?: string[];
  /** Largest request body accepted; default 1 MiB. */
  bodyLimitBytes?: number;
  /** Diagnostics for unexpected failures; default stderr. */
  log?: (message: string) => void;
}
