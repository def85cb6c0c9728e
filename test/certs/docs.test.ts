// docs/certificates.md is what callers read: every issue code must be there with its severity and the
// exact fix line the API returns.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CERT_ISSUES } from '../../src/certs/index.ts';

const doc = readFileSync(new URL('../../docs/certificates.md', import.meta.url), 'utf8');

describe('docs/certificates.md', () => {
  it.each(Object.entries(CERT_ISSUES))('documents %s with its severity and fix', (code, definition) => {
    // Cells are padded by the formatter; no fix text contains a pipe.
    const rows = doc.split('\n').map((line) => line.split('|').map((cell) => cell.trim()));
    const row = rows.find((cells) => cells[1] === `\`${code}\``);
    expect(row, `no table row for ${code}`).toBeDefined();
    expect(row?.[2]).toBe(definition.severity);
    expect(row?.[4]).toBe(definition.fix);
  });

  it('documents the CertId refusal code', () => {
    expect(doc).toContain("code: 'invalid-cert-id'");
  });
});
