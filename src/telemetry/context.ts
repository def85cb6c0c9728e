// The root of the contexts a request's spans live in. The API's own contexts give every instance three
// closures of its own; made once per request, they left more of each request for the old-generation
// collector (in-process, 30,000 server spans exported as the service does: ~0.8-1.1 KB promoted per span,
// ~0.57 KB with these; bench/README.md, tracing row). These keep their methods on the prototype and their
// values in one Map, are immutable like the API's, and the API and SDK use them only through the Context
// interface.
import type { Context } from '@opentelemetry/api';

class LeanContext implements Context {
  readonly #values: ReadonlyMap<symbol, unknown>;

  constructor(values: ReadonlyMap<symbol, unknown>) {
    this.#values = values;
  }

  getValue(key: symbol): unknown {
    return this.#values.get(key);
  }

  setValue(key: symbol, value: unknown): Context {
    return new LeanContext(new Map(this.#values).set(key, value));
  }

  deleteValue(key: symbol): Context {
    const values = new Map(this.#values);
    values.delete(key);
    return new LeanContext(values);
  }
}

/** An empty context, as the API's ROOT_CONTEXT; everything set on it makes a LeanContext. */
export const LEAN_ROOT_CONTEXT: Context = new LeanContext(new Map());
