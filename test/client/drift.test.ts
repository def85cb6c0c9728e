import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateClientTree, readTree } from '../../scripts/generate-client.ts';

describe('clients/typescript/src/generated', () => {
  it('matches what the generator makes of openapi/openapi.json (run `npm run client` after `npm run openapi`)', async () => {
    const committed = readTree(GENERATED_DIR);
    const generated = await generateClientTree();
    expect(Object.keys(committed).sort()).toEqual(Object.keys(generated).sort());
    for (const [path, text] of Object.entries(generated)) expect(committed[path], path).toBe(text);
  });
});
