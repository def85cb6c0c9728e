// Operators read the README for every setting, metric and log field: each one the code defines must
// appear there, so a new one without documentation fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config/env-schema.ts';
import { ServiceMetrics } from '../../src/metrics/metrics.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const tableRow = (name: string) => new RegExp(`^\\| \`${name}\` +\\|`, 'm');

describe('README.md', () => {
  it('documents every environment variable in its settings table', () => {
    const names = Object.keys(envSchema.shape);
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((name) => !tableRow(name).test(readme))).toEqual([]);
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
