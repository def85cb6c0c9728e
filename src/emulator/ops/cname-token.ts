// CreateCnameToken and GetCnameToken (protocol §2.2, §2.3, §7): one token per (bucket, domain), 32 hex
// characters valid for 72 hours, handed out again while valid, at most 1000 live per bucket.

import { randomBytes } from 'node:crypto';
import { MAX_TOKENS_PER_BUCKET, TOKEN_LIFETIME_MS, type TokenRecord } from '../state/model.ts';
import { httpDate } from '../wire/dates.ts';
import { queryValue } from '../wire/request.ts';
import { invalidArgument } from '../wire/request-errors.ts';
import { xmlDocument } from '../wire/xml-writer.ts';
import { readCnameConfiguration } from './cname-config.ts';
import type { BucketContext, OpResult } from './context.ts';
import { cnameErrors } from './errors.ts';
import { isReservedDomain, normalizeDomain } from './hostname.ts';

function tokenXml(t: TokenRecord): OpResult {
  return {
    status: 200,
    body: xmlDocument([
      'CnameToken',
      [
        ['Bucket', t.bucket],
        ['Cname', t.domain],
        ['Token', t.token],
        ['ExpireTime', httpDate(t.expiresAt)],
      ],
    ]),
  };
}

export function createCnameToken(ctx: BucketContext): OpResult {
  const { state, bucket, now } = ctx;
  const domain = normalizeDomain(readCnameConfiguration(ctx.request.body).domain);
  if (isReservedDomain(domain)) throw cnameErrors.forbidden(domain);
  if (state.binding(domain)?.bucket === bucket.name) throw cnameErrors.noNeedCreateToken(bucket.name, domain);
  const existing = state.token(bucket.name, domain);
  if (existing && existing.expiresAt > now) return tokenXml(existing);
  if (state.liveTokenCount(bucket.name, now) >= MAX_TOKENS_PER_BUCKET)
    throw cnameErrors.tooManyTokens(bucket.name);
  const record: TokenRecord = {
    bucket: bucket.name,
    domain,
    token: randomBytes(16).toString('hex'),
    // Whole seconds, like the ExpireTime OSS renders.
    createdAt: Math.floor(now / 1000) * 1000,
    expiresAt: Math.floor(now / 1000) * 1000 + TOKEN_LIFETIME_MS,
  };
  state.putToken(record);
  return tokenXml(record);
}

export function getCnameToken(ctx: BucketContext): OpResult {
  const raw = queryValue(ctx.request.query, 'cname');
  if (raw === undefined || raw === '') {
    throw invalidArgument('cname', raw ?? '', 'The cname parameter must name the custom domain.');
  }
  const domain = normalizeDomain(raw);
  const token = ctx.state.token(ctx.bucket.name, domain);
  if (!token || token.expiresAt <= ctx.now) throw cnameErrors.tokenNotFound(ctx.bucket.name, domain);
  return tokenXml(token);
}
