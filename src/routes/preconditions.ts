// Conditional-request headers, documented once and read once for every binding route that changes state.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Preconditions } from '../services/index.ts';

export const ConditionalHeaders = z.looseObject({
  'if-match': z.string().optional().meta({
    description:
      'Change only if the binding\'s current ETag is one of these (its certificate id in quotes, or "none"). A stale value answers 412.',
    example: '"493****-cn-hangzhou"',
  }),
  'if-none-match': z
    .string()
    .optional()
    .meta({ description: '`*`: only create, never change an existing binding (412 if it exists).' }),
});

export function preconditionsOf(request: FastifyRequest): Preconditions {
  return {
    ifMatch: header(request, 'if-match'),
    ifNoneMatch: header(request, 'if-none-match'),
  };
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
