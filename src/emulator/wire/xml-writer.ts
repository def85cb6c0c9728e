// Response bodies as OSS sends them: an XML declaration, then the document indented by two spaces.

/** An element: text content, or children in wire order. */
export type XmlNode = readonly [name: string, content: string | readonly XmlNode[]];

const SPECIAL = /[&<>]/;

export function escapeXml(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function render(node: XmlNode, indent: string, out: string[]): void {
  const [name, content] = node;
  if (typeof content === 'string') {
    out.push(`${indent}<${name}>${escapeXml(content)}</${name}>`);
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
