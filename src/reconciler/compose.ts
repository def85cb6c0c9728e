// Builds the managed-domain parts for the composition root (src/app.ts): the repository over the store,
// the ports over the OSS client and DNS settings, the reconciler (started when the app is ready, stopped
// before it closes the store), and what the routes use.
import type { FastifyInstance } from 'fastify';
import type { CertificateDriver } from '../certificates/index.ts';
import type { Config } from '../config/env-schema.ts';
import { toReconcileOptions } from '../domains/index.ts';
import type { OssAccess, ShareGate } from '../services/index.ts';
import type { Store } from '../store/index.ts';
import { createDnsPort } from './dns-port.ts';
import { createDnsGate } from './dns-rate.ts';
import { ManagedDomains } from './managed-domains.ts';
import { createOssPort } from './oss-port.ts';
import { Reconciler } from './reconciler.ts';
import { DomainRepository } from './repository.ts';

export interface ManagedDomainParts {
  store: Store;
  oss: OssAccess;
  config: Config;
  certificates?: CertificateDriver | undefined;
  /** Each key's share of a bucket's ownership tokens (issue 19, F7); attach counts against it. */
  shares?: ShareGate | undefined;
  /** Epoch milliseconds (tests); the system clock otherwise. */
  clock?: (() => number) | undefined;
}

export function composeManagedDomains(app: FastifyInstance, parts: ManagedDomainParts): ManagedDomains {
  const { config } = parts;
  const clock = parts.clock;
  const now = clock === undefined ? () => new Date() : () => new Date(clock());
  const repository = new DomainRepository(parts.store);
  const options = toReconcileOptions(config);
  const dns = {
    resolvers: config.DNS_RESOLVERS,
    authoritativePort: config.DNS_AUTHORITATIVE_PORT,
    timeoutMs: config.DNS_TIMEOUT_MS,
    preflightTimeoutMs: config.DNS_PREFLIGHT_TIMEOUT_MS,
  };
  const ports = { oss: createOssPort(parts.oss), dns: createDnsPort(dns), certificates: parts.certificates };
  // Only the loop is held to RECONCILE_DNS_QPS: a caller's request never queues behind a pass.
  const gate = createDnsGate({ perSecond: config.RECONCILE_DNS_QPS });
  const reconciler = new Reconciler(
    { repository, ports: { ...ports, dns: createDnsPort({ ...dns, gate }) }, options, now },
    { pollMs: config.RECONCILE_POLL_MS, batchSize: config.RECONCILE_BATCH_SIZE },
    app.log.child({ component: 'reconciler' }),
  );
  app.addHook('onReady', async () => reconciler.start());
  app.addHook('preClose', async () => reconciler.stop());
  const shares = parts.shares === undefined ? undefined : { gate: parts.shares, oss: parts.oss };
  return new ManagedDomains({ repository, ...ports, options, now, wake: () => reconciler.kick(), shares });
}
