// Shapes shared by every route: path parameters and the problem body.
import { z } from 'zod';
import { BUCKET_NAME_PATTERN } from '../domain/bucket-name.ts';
import { PROBLEM_CODES } from '../errors/catalogue.ts';

export const bucketName = z
  .string()
  .regex(
    BUCKET_NAME_PATTERN,
    'a bucket name is 3-63 characters of a-z, 0-9 and "-", and does not start or end with "-"',
  )
  .meta({ description: 'OSS bucket name. The service finds its region itself.', example: 'examplebucket' });

/** Validated in depth by src/domain, which answers with a specific problem code per broken rule. */
export const domainName = z.string().min(1).max(300).meta({
  description:
    'Custom domain. Case, a trailing dot and Unicode (IDN) are normalised; the response shows the punycode form.',
  example: 'www.example.com',
});

export const BucketParams = z.object({ bucket: bucketName });
export const BucketDomainParams = z.object({ bucket: bucketName, domain: domainName });

export const DomainBody = z.strictObject({ domain: domainName });

export const Problem = z
  .looseObject({
    type: z.string().meta({ example: 'urn:oss-cname-service:problem:cname-not-found' }),
    title: z.string(),
    status: z.int(),
    detail: z.string().meta({ description: 'What went wrong and what to do about it.' }),
    instance: z.string().optional().meta({ description: 'The request path.' }),
    code: z
      .enum(PROBLEM_CODES)
      .meta({ description: 'Stable error code; see the error table in docs/api.md.' }),
    requestId: z.string().meta({ description: 'Our request id; quote it when reporting a problem.' }),
    ossRequestId: z.string().optional().meta({ description: "OSS's request id, when OSS answered." }),
    ossCode: z.string().optional().meta({ description: "OSS's error code, when OSS answered." }),
    ossEc: z.string().optional().meta({ description: "OSS's detailed error code (EC), when OSS answered." }),
    issues: z
      .array(z.object({ in: z.string(), path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'invalid-request only: each field that failed validation.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, served as application/problem+json.' });

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/** The problem responses a route documents, by status. */
export function problems(...statuses: number[]): Record<number, ReturnType<typeof problemResponse>> {
  const described: Record<number, string> = {
    400: 'Invalid request (invalid-request, invalid-json, invalid-domain, …)',
    401: 'No or unknown API key',
    403: 'The API key lacks the scope',
    404: 'Bucket, binding or token not found',
    409: 'Conflicts with the state in OSS (ownership, other bucket or account, already bound)',
    412: 'If-Match does not match the current ETag',
    413: 'Body too large',
    415: 'Body is not JSON',
    422: 'Domain or certificate not acceptable to OSS',
    429: 'Rate limited',
    502: 'OSS failed or rejected the service itself',
    503: 'OSS unreachable or throttling',
    504: 'OSS did not answer in time',
  };
  return Object.fromEntries(statuses.map((s) => [s, problemResponse(described[s] ?? 'Error')]));
}

/** A JSON success response with its own description (a schema's .describe() would drop its $ref id). */
export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A response without body (204); `null` keeps the generated document from inventing a body. */
export const noContent = (description: string) => z.null().describe(description);

/** A page of a cursor listing: its items in order, and the cursor to the next page. */
export function cursorPage<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
    })
    .meta({ id });
}
