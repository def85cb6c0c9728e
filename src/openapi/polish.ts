// Two facts @fastify/swagger cannot express from zod schemas, written into the generated document:
// a body schema that accepts null (Fastify hands a missing body to the validator as null) marks an
// optional request body, and responses carrying a Binding also carry its ETag (and Location on 201).

interface Operation {
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
    for (const operation of Object.values(methods)) {
      markOptionalBody(operation);
      addBindingHeaders(operation);
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
