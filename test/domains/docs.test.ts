// docs/domains.md names every status, certificate status, event and setting the code has.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_STATUSES,
  DOMAIN_EVENT_TYPES,
  DOMAIN_STATUSES,
  reconcileEnvFields,
} from '../../src/domains/index.ts';

const doc = readFileSync(new URL('../../docs/domains.md', import.meta.url), 'utf8');
/** A table row whose first cell is `name` (the formatter pads cells). */
const row = (name: string) => new RegExp(`\\|\\s*\`${name.replace(/\./g, '\\.')}\`\\s*\\|`);

/** Codes written as `code: 'kebab-case'` in the lifecycle and webhook sources. */
function codesIn(dirs: string[]): string[] {
  const codes = new Set<string>();
  for (const dir of dirs) {
    const root = new URL(`../../${dir}/`, import.meta.url);
    for (const name of readdirSync(root).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(new URL(name, root), 'utf8');
      for (const m of text.matchAll(/code: '([a-z]+(?:-[a-z]+)+)'/g)) codes.add(m[1] as string);
    }
  }
  return [...codes];
}

describe('docs/domains.md', () => {
  it('explains every code the lifecycle and the webhooks set', () => {
    const codes = codesIn(['src/domains', 'src/webhooks']);
    expect(codes.length).toBeGreaterThan(5);
    expect(codes.filter((code) => !row(code).test(doc))).toEqual([]);
  });

  it('lists every event, status and RECONCILE_* setting', () => {
    for (const name of DOMAIN_EVENT_TYPES) expect(doc, name).toMatch(row(name));
    for (const s of [...DOMAIN_STATUSES, ...CERTIFICATE_STATUSES])
      expect(doc, s).toMatch(new RegExp(`\\b${s}\\b`));
    for (const setting of Object.keys(reconcileEnvFields)) expect(doc, setting).toMatch(row(setting));
  });
});
