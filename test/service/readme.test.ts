// Operators read the README for every setting, metric and log field: each one the code defines must
// appear there, so a new one without documentation fails here. The settings table is generated from the
// environment schema, so it must also be the one the schema gives now.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedSection } from '../../scripts/markdown.ts';
import { SETTINGS_SECTION, settingsTable } from '../../scripts/settings-table.ts';
import { envFields } from '../../src/config/env-schema.ts';
import { ServiceMetrics } from '../../src/metrics/metrics.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const tableRow = (name: string) => new RegExp(`^\\| \`${name}\` +\\|`, 'm');

describe('README.md', () => {
  it('documents every environment variable in its settings table', () => {
    const names = Object.keys(envFields.shape);
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((name) => !tableRow(name).test(readme))).toEqual([]);
  });

  it('carries the settings table the schema generates (run `npm run docs:settings` after changing it)', () => {
    expect(generatedSection(readme, SETTINGS_SECTION)).toBe(settingsTable());
  });

  it('documents every metric the service registers', async () => {
    const metrics = new ServiceMetrics();
    const names = (await metrics.registry.getMetricsAsJSON())
      .map((m) => m.name)
      .filter((name) => !name.startsWith('process_') && !name.startsWith('nodejs_'));
    expect(names.length).toBeGreaterThan(8);
    expect(names.filter((name) => !tableRow(name).test(readme))).toEqual([]);
  });
});
