// Writes the README's settings table from the environment schema (src/config/env-schema.ts): every
// variable with the default an unset variable gets and the description kept beside its checks.
// `npm run docs:settings`; test/service/readme.test.ts checks drift.
import { readFileSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';
import { envFields } from '../src/config/env-schema.ts';
import { markdownTable, replaceGeneratedSection } from './markdown.ts';
import { README_PATH } from './problem-table.ts';

export const SETTINGS_SECTION = 'settings';

interface SettingMeta {
  description?: string;
  shownDefault?: string;
}

/** What an unset variable becomes, as the table shows it. */
function shownDefault(field: z.ZodType): string {
  const meta = (field.meta() ?? {}) as SettingMeta;
  if (meta.shownDefault !== undefined) return meta.shownDefault;
  const parsed = field.safeParse(undefined);
  const value = parsed.success ? parsed.data : undefined;
  if (value === undefined) return 'unset';
  if (Array.isArray(value) && value.length === 0) return 'none';
  return `\`${String(value)}\``;
}

export function settingsTable(): string {
  const rows = Object.entries(envFields.shape).map(([name, field]: [string, z.ZodType]) => {
    const description = ((field.meta() ?? {}) as SettingMeta).description;
    if (description === undefined) throw new Error(`${name} has no description in the schema`);
    return [`\`${name}\``, shownDefault(field), description];
  });
  return markdownTable(['Variable', 'Default', 'Meaning'], rows);
}

if (import.meta.main) {
  const readme = readFileSync(README_PATH, 'utf8');
  writeFileSync(README_PATH, replaceGeneratedSection(readme, SETTINGS_SECTION, settingsTable()));
  console.log(
    `wrote the settings table of ${README_PATH} (${Object.keys(envFields.shape).length} variables)`,
  );
}
