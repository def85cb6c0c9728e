// Remembers every route's method and URL pattern, so an unknown method on a known path can be answered
// 405 with an Allow header instead of a misleading 404.

interface Pattern {
  method: string;
  regex: RegExp;
}

export class AllowedMethods {
  readonly #patterns: Pattern[] = [];

  add(method: string | string[], url: string): void {
    const regex = toRegex(url);
    for (const m of Array.isArray(method) ? method : [method]) {
      this.#patterns.push({ method: m.toUpperCase(), regex });
    }
  }

  /** Methods some route serves at this path (query string ignored), sorted; [] when none. */
  for(path: string): string[] {
    const bare = path.split('?')[0] ?? '';
    const methods = new Set<string>();
    for (const p of this.#patterns) if (p.regex.test(bare)) methods.add(p.method);
    return [...methods].sort();
  }
}

function toRegex(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}
