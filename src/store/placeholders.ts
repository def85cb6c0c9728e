// SQL is written once with PostgreSQL's `$1`; SQLite reads the same numbered parameters as `?1`.
// Quoted strings and identifiers are left alone, so a literal '$1' stays text.
export function toSqlitePlaceholders(sql: string): string {
  return sql.replace(/('(?:[^']|'')*'|"(?:[^"]|"")*")|\$(\d+)/g, (match, quoted, index) =>
    quoted === undefined ? `?${index}` : match,
  );
}
