// zod's registry yields an input and an output variant of every named schema; the document keeps only
// the component schemas something actually references, so readers see each shape once.
interface WithSchemas {
  components?: { schemas?: Record<string, unknown> | undefined } | undefined;
}

/** Swagger 2 documents (no components) come back unchanged. */
export function pruneUnusedSchemas<T extends object>(input: T): T {
  const document = input as WithSchemas;
  const schemas = document.components?.schemas;
  if (!schemas) return input;
  const used = new Set<string>();
  const { components, ...rest } = document;
  let frontier = refsIn(rest);
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const name of frontier) {
      if (used.has(name)) continue;
      used.add(name);
      next.push(...refsIn(schemas[name]));
    }
    frontier = next;
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...input, components: { ...components, schemas: kept } };
}

const PREFIX = '#/components/schemas/';

function refsIn(value: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith(PREFIX)) {
          found.push(child.slice(PREFIX.length));
        } else walk(child);
      }
    }
  };
  walk(value);
  return found;
}
