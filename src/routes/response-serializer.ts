// Response serialization from the routes' zod schemas, in one of two modes:
// - strict (tests, development): the body is encoded with its zod schema, and a body the schema would
//   change — a missing or mistyped field, or a field the schema does not declare — is a 500. Every route
//   test thus proves its handlers build exactly the documented shape.
// - fast (production by default): the handlers' objects, typed by the same schemas (z.infer), go straight
//   to JSON.stringify. Strict mode in CI is what guarantees that equals what zod would have produced;
//   re-validating 100 bindings per list answer cost 9-15 % of the list route's throughput (bench/README.md).
import { isDeepStrictEqual } from 'node:util';
import { serializerCompiler } from 'fastify-type-provider-zod';

export type ResponseValidation = 'strict' | 'fast';

type SerializerCompiler = typeof serializerCompiler;

/** JSON as a client would read it: undefined members and key order do not count. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value) ?? 'null');
}

const strictCompiler: SerializerCompiler = (route) => {
  const encode = serializerCompiler(route);
  return (data) => {
    const json = encode(data);
    if (!isDeepStrictEqual(JSON.parse(json), asJson(data))) {
      throw new Error(
        `${route.method} ${route.url}: the handler returned fields its response schema does not declare`,
      );
    }
    return json;
  };
};

const fastCompiler: SerializerCompiler = () => (data) => JSON.stringify(data);

export function responseSerializerCompiler(mode: ResponseValidation): SerializerCompiler {
  return mode === 'strict' ? strictCompiler : fastCompiler;
}
