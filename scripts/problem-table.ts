// Writes the README's error-code table from the problem catalogue (src/errors/catalogue.ts), so the table
// lists exactly the codes the service can send. `npm run docs:problems`; test/errors/docs.test.ts checks drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROBLEM_CATALOGUE, PROBLEM_CODES } from '../src/errors/index.ts';
import { markdownTable, replaceGeneratedSection } from './markdown.ts';

export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));
export const PROBLEM_SECTION = 'problems';

const RETRY_AFTER = { always: 'yes', 'when-known': 'when known' } as const;

/** Ordered by status; codes of one status keep the catalogue's order. */
export function problemTable(): string {
  const codes = [...PROBLEM_CODES].sort((a, b) => PROBLEM_CATALOGUE[a].status - PROBLEM_CATALOGUE[b].status);
  const rows = codes.map((code) => {
    const entry = PROBLEM_CATALOGUE[code];
    const [file, anchor] = entry.docs.split('#');
    const label = `${file?.replace(/^docs\//, '')}#${anchor}`;
    return [
      `\`${code}\``,
      String(entry.status),
      entry.meaning,
      entry.action,
      entry.retryAfter === undefined ? '' : RETRY_AFTER[entry.retryAfter],
      `[${label}](${entry.docs})`,
    ];
  });
  return markdownTable(['Code', 'Status', 'Meaning', 'What to do', 'Retry-After', 'More'], rows);
}

if (import.meta.main) {
  const readme = readFileSync(README_PATH, 'utf8');
  writeFileSync(README_PATH, replaceGeneratedSection(readme, PROBLEM_SECTION, problemTable()));
  console.log(`wrote the error-code table of ${README_PATH} (${PROBLEM_CODES.length} codes)`);
}
