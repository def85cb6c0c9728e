// GET /audit: the audit log, newest first, only the entries inside the key's bucket and domain scopes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canSeeBucket, canSeeDomain } from '../auth/authorize.ts';
import { presentedKey } from '../auth/credentials.ts';
import { actionNotAllowed, missingApiKey } from '../auth/problems.ts';
import type { Principal } from '../auth/types.ts';
import { type ProblemError, problem } from '../errors/problem.ts';
import { API_KEY_SECURITY } from '../routes/security.ts';
import { cursorPage, jsonResponse, problems } from '../schemas/common.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { AuditEntry } from './entry.ts';
import type { AuditLog } from './log.ts';

const filter = (description: string) => z.string().min(1).max(300).optional().meta({ description });

export const AuditQueryString = z.strictObject({
  bucket: filter('Only this bucket.'),
  domain: filter('Only this domain (lower case, no trailing dot).'),
  actor: filter('Only this API key id, or `system`.'),
  action: filter('Only this operation, e.g. `putBinding`.'),
  outcome: filter('Only this outcome: `success`, `replayed` or a problem code.'),
  since: z.iso.datetime({ offset: true }).optional().meta({ description: 'From this time on (inclusive).' }),
  until: z.iso.datetime({ offset: true }).optional().meta({ description: 'Before this time (exclusive).' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .meta({ description: 'Entries per page, 1-500.' }),
  cursor: z.string().max(2_000).optional().meta({ description: "The previous page's `nextCursor`." }),
});

export const AuditPage = cursorPage(AuditEntry, 'AuditPage');

// Entries outside the key's scopes are skipped, so one page may scan several batches; the scan is bounded.
const MAX_BATCHES = 10;

export function auditRoutes(app: FastifyInstance, log: AuditLog): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/audit',
    {
      schema: {
        operationId: 'listAudit',
        summary: 'Read the audit log',
        description:
          'Every write request (dry runs and refusals included) and every change the service made by itself, newest first. ' +
          "Only entries inside the key's bucket and domain scopes. Needs `audit:read`.",
        tags: ['Audit'],
        security: API_KEY_SECURITY,
        querystring: AuditQueryString,
        response: {
          200: jsonResponse('One page of entries', AuditPage),
          ...problems(400, 401, 403, 429, 503),
        },
      },
    },
    async (request) => {
      const principal = request.principal;
      if (principal === undefined) throw missingApiKey();
      if (!principal.scopes.actions.includes('audit:read')) throw actionNotAllowed('audit:read');
      const { cursor, limit, ...filters } = request.query;
      const signedWith = cursorSecret(request);
      const filterKey = JSON.stringify(filters);
      let beforeSeq = cursor === undefined ? undefined : decodeCursor(cursor, filterKey, signedWith);
      if (cursor !== undefined && beforeSeq === undefined) throw invalidCursor();
      const query = {
        ...filters,
        since: filters.since === undefined ? undefined : Date.parse(filters.since),
        until: filters.until === undefined ? undefined : Date.parse(filters.until),
      };
      const items: AuditEntry[] = [];
      for (let batch = 0; batch < MAX_BATCHES && items.length < limit; batch++) {
        const rows = await log.list({ ...query, beforeSeq, limit });
        for (const row of rows) {
          beforeSeq = row.seq;
          if (visible(principal, row.entry)) items.push(row.entry);
          if (items.length === limit) break;
        }
        if (rows.length < limit) break;
      }
      const more = beforeSeq !== undefined && (await log.list({ ...query, beforeSeq, limit: 1 })).length > 0;
      return { items, nextCursor: more ? encodeCursor(beforeSeq as number, filterKey, signedWith) : null };
    },
  );
}

function visible(principal: Principal, entry: AuditEntry): boolean {
  const bucketOk =
    entry.bucket === null ? principal.scopes.buckets.includes('*') : canSeeBucket(principal, entry.bucket);
  const domainOk =
    entry.domain === null ? principal.scopes.domains.includes('*') : canSeeDomain(principal, entry.domain);
  return bucketOk && domainOk;
}

function cursorSecret(request: FastifyRequest): string {
  const presented = presentedKey(request.headers);
  return presented.kind === 'key' ? presented.key : '';
}

function invalidCursor(): ProblemError {
  return problem(
    'invalid-cursor',
    'The cursor is not one this service gave for these filters and this API key; start again without it.',
  );
}
