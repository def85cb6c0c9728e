// Reads values out of emulator responses in tests, with the same parser the emulator uses for requests.

import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: () => true,
});

export type Xml = Record<string, unknown>;

/** The parsed document; every element is an array, text is a string. */
export function parseXmlBody(body: string): Xml {
  return parser.parse(body) as Xml;
}

/** The text of the first element at a slash path, e.g. `Error/Code`; undefined when absent. */
export function xmlText(body: string, path: string): string | undefined {
  let node: unknown = parseXmlBody(body);
  for (const name of path.split('/')) {
    const list = (node as Record<string, unknown> | undefined)?.[name];
    if (!Array.isArray(list) || list.length === 0) return undefined;
    node = list[0];
  }
  if (typeof node === 'string') return node;
  return node === undefined ? undefined : '';
}

/** All elements at a path, each as its parsed object. */
export function xmlAll(body: string, path: string): Xml[] {
  const names = path.split('/');
  let nodes: unknown[] = [parseXmlBody(body)];
  for (const name of names) {
    nodes = nodes.flatMap((n) => {
      const list = (n as Record<string, unknown>)[name];
      return Array.isArray(list) ? list : [];
    });
  }
  return nodes as Xml[];
}

/** Text of a child element of an object returned by xmlAll. */
export function childText(node: Xml, name: string): string | undefined {
  const list = node[name];
  return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : undefined;
}
