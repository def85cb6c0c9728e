// Response bodies as OSS sends them: an XML declaration, then the document indented by two spaces. Text is
// escaped as the client escapes request bodies: `&`, `<` and `>` only.
import { escapeXmlText } from '../../oss/xml.ts';

/** An element: text content, or children in wire order. */
export type XmlNode = readonly [name: string, content: string | readonly XmlNode[]];

function render(node: XmlNode, indent: string, out: string[]): void {
  const [name, content] = node;
  if (typeof content === 'string') {
    out.push(`${indent}<${name}>${escapeXmlText(content)}</${name}>`);
    return;
  }
  out.push(`${indent}<${name}>`);
  for (const child of content) render(child, `${indent}  `, out);
  out.push(`${indent}</${name}>`);
}

export function xmlDocument(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(root, '', out);
  return out.join('\n');
}
