// Request bodies as a server must read them: validated, DOCTYPE refused (no entity tricks), elements in
// any order, stray text between elements ignored, only XML's predefined and numeric entities decoded.
// The client's reader already does all of that; this adds what a server refuses on top of it.

import { parseXml, type XmlElement } from '../../oss/xml.ts';
import { malformedXml } from '../wire/request-errors.ts';

/** Parses a body whose root must be `rootName`; anything else is MalformedXML. */
export function readXml(body: Buffer, rootName: string): XmlElement {
  let root: XmlElement;
  try {
    // The server has already held the body to its own limit.
    root = parseXml(body, Number.POSITIVE_INFINITY);
  } catch {
    throw malformedXml();
  }
  if (root.name !== rootName) throw malformedXml();
  return root;
}

/** The only child called `name`; undefined when absent, MalformedXML when repeated. */
export function single(el: XmlElement | undefined, name: string): XmlElement | undefined {
  const list = el?.children.get(name);
  if (list === undefined) return undefined;
  if (list.length !== 1) throw malformedXml();
  return list[0];
}

/** `true`/`false` in any case; anything else (`1`, `yes`) is MalformedXML. */
export function booleanChild(el: XmlElement | undefined, name: string): boolean | undefined {
  const child = single(el, name);
  if (child === undefined) return undefined;
  const value = child.text.toLowerCase();
  if (value !== 'true' && value !== 'false') throw malformedXml();
  return value === 'true';
}
