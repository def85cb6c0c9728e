// Request bodies as a server must read them: validated, DOCTYPE refused (no entity tricks), elements in
// any order, stray text between elements ignored, only XML's predefined and numeric entities decoded.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { malformedXml } from '../wire/request-errors.ts';

export interface ReadElement {
  readonly text: string;
  readonly children: ReadonlyMap<string, readonly ReadElement[]>;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: () => true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: false,
  htmlEntities: false,
});

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, name: string) => {
    const named = NAMED[name];
    if (named !== undefined) return named;
    const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function toElement(raw: unknown): ReadElement {
  if (typeof raw === 'string') return { text: decodeEntities(raw), children: new Map() };
  const children = new Map<string, ReadElement[]>();
  let text = '';
  if (raw !== null && typeof raw === 'object') {
    for (const [name, value] of Object.entries(raw)) {
      if (name === '#text') {
        text = decodeEntities(String(value));
        continue;
      }
      children.set(name, (Array.isArray(value) ? value : [value]).map(toElement));
    }
  }
  return { text, children };
}

/** Parses a body whose root must be `rootName`; anything else is MalformedXML. */
export function readXml(body: Buffer, rootName: string): ReadElement {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '' || /<!(DOCTYPE|ENTITY)/i.test(text) || XMLValidator.validate(text) !== true) {
    throw malformedXml();
  }
  const doc = parser.parse(text) as Record<string, unknown>;
  const roots = Object.keys(doc).filter((k) => k !== '#text');
  const root = doc[rootName];
  if (roots.length !== 1 || !Array.isArray(root) || root.length !== 1) throw malformedXml();
  return toElement(root[0]);
}

/** The only child called `name`; undefined when absent, MalformedXML when repeated. */
export function single(el: ReadElement | undefined, name: string): ReadElement | undefined {
  const list = el?.children.get(name);
  if (list === undefined) return undefined;
  if (list.length !== 1) throw malformedXml();
  return list[0];
}

/** `true`/`false` in any case; anything else (`1`, `yes`) is MalformedXML. */
export function booleanChild(el: ReadElement | undefined, name: string): boolean | undefined {
  const child = single(el, name);
  if (child === undefined) return undefined;
  const value = child.text.toLowerCase();
  if (value !== 'true' && value !== 'false') throw malformedXml();
  return value === 'true';
}
