// Two facts @fastify/swagger cannot express from zod schemas, written into the generated document:
// a body schema that accepts null (Fastify hands a missing body to the validator as null) marks an
// optional request body, and responses carrying a Binding also carry its ETag (and Location on 201).
// Every write also takes the Idempotency-Key header, handled by a plugin rather than each route.

interface Operation {
  parameters?: Array<Record<string, unknown>>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> };
  responses?: Record<
    string,
    { headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> }
  >;
}

const BINDING_REF = '#/components/schemas/Binding';
const ETAG_HEADER = {
  description: 'The bound certificate id in quotes, or "none"; send it as If-Match to change the binding.',
  schema: { type: 'string' },
};
const LOCATION_HEADER = { description: 'The URL of the new binding.', schema: { type: 'string' } };

export function polishOperations<T extends object>(input: T): T {
  const paths = (input as { paths?: Record<string, Record<string, Operation>> }).paths;
  for (const methods of Object.values(paths ?? {})) {
    for (const [method, operation] of Object.entries(methods)) {
      markOptionalBody(operation);
      addBindingHeaders(operation);
      if (WRITE_METHODS.has(method)) addIdempotencyKey(operation);
    }
  }
  return input;
}

function markOptionalBody(operation: Operation): void {
  const media = operation.requestBody?.content?.['application/json'];
  const branches = media?.schema?.anyOf;
  if (!media || !Array.isArray(branches)) return;
  const others = branches.filter((b) => (b as { type?: unknown }).type !== 'null');
  if (others.length === branches.length || others.length !== 1) return;
  media.schema = others[0] as Record<string, unknown>;
  if (operation.requestBody) operation.requestBody.required = false;
}

function addBindingHeaders(operation: Operation): void {
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const schema = response.content?.['application/json']?.schema as
      | { $ref?: string; anyOf?: Array<{ $ref?: string }> }
      | undefined;
    // A Binding, or a Binding or a dry-run answer (the header comes with the Binding).
    if (schema?.$ref !== BINDING_REF && !schema?.anyOf?.some((branch) => branch.$ref === BINDING_REF))
      continue;
    response.headers = { ETag: ETAG_HEADER, ...(status === '201' ? { Location: LOCATION_HEADER } : {}) };
  }
}

const WRITE_METHODS = new Set(['post', 'put', 'delete', 'patch']);
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the same key with the same request replays the stored answer (Idempotent-Replayed: true). ' +
    '1-255 visible ASCII characters, bare or as a quoted string; kept for IDEMPOTENCY_TTL_HOURS (default 24 h).',
  schema: { type: 'string', minLength: 1, maxLength: 257 },
};

function addIdempotencyKey(operation: Operation): void {
  const parameters = operation.parameters ?? [];
  if (parameters.some((p) => String(p.name).toLowerCase() === 'idempotency-key')) return;
  operation.parameters = [...parameters, IDEMPOTENCY_KEY];
}
