// Markdown helpers for the generated parts of the docs: padded tables, and sections between markers that
// a script owns, so regenerating one never touches the prose around it.

/** A table padded like the hand-written ones: every cell as wide as its column's widest. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escaped = rows.map((row) => row.map((cell) => cell.replaceAll('|', '\\|').replaceAll('\n', ' ')));
  const widths = header.map((title, i) =>
    Math.max(title.length, 3, ...escaped.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...escaped.map(line)].join('\n');
}

const start = (name: string) => `<!-- generated:${name} (edit the source, then run the npm script) -->`;
const end = (name: string) => `<!-- /generated:${name} -->`;

/** The text between the markers of `name`, or undefined when the document has no such section. */
export function generatedSection(document: string, name: string): string | undefined {
  const from = document.indexOf(start(name));
  const to = document.indexOf(end(name));
  if (from < 0 || to < from) return undefined;
  return document
    .slice(from + start(name).length, to)
    .replace(/^\n/, '')
    .replace(/\n$/, '');
}

/** The document with the section `name` replaced by `body`; throws when the markers are missing. */
export function replaceGeneratedSection(document: string, name: string, body: string): string {
  const from = document.indexOf(start(name));
  const to = document.indexOf(end(name));
  if (from < 0 || to < from) throw new Error(`no ${start(name)} … ${end(name)} section`);
  return `${document.slice(0, from)}${start(name)}\n${body}\n${document.slice(to)}`;
}
