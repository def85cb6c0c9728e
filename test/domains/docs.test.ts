// docs/domains.md names every status, certificate status, event and setting the code has.
import { readFileSync } from 'node:fs';
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

describe('docs/domains.md', () => {
  it('lists every event, status and RECONCILE_* setting', () => {
    for (const name of DOMAIN_EVENT_TYPES) expect(doc, name).toMatch(row(name));
    for (const s of [...DOMAIN_STATUSES, ...CERTIFICATE_STATUSES])
      expect(doc, s).toMatch(new RegExp(`\\b${s}\\b`));
    for (const setting of Object.keys(reconcileEnvFields)) expect(doc, setting).toMatch(row(setting));
  });
});
