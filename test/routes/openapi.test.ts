import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { generateOpenApi, OPENAPI_PATH } from '../../scripts/generate-openapi.ts';

describe('openapi/openapi.json', () => {
  it('matches the document the code generates (run `npm run openapi` after changing the API)', async () => {
    const committed = readFileSync(OPENAPI_PATH, 'utf8');
    expect(committed).toBe(await generateOpenApi());
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const api = await SwaggerParser.validate(document);
    expect(api).toMatchObject({ openapi: '3.1.0' });
  });

  it('documents every API operation with problem responses and the API-key security schemes', () => {
    const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const operations = Object.values(
      document.paths as Record<string, Record<string, Record<string, unknown>>>,
    )
      .flatMap((methods) => Object.values(methods))
      .filter((op) => typeof op.operationId === 'string' && /Cname|Binding/.test(op.operationId as string));
    expect(operations.map((op) => op.operationId).sort()).toEqual([
      'createCnameToken',
      'deleteBinding',
      'deleteBindingByBody',
      'deleteBindingCertificate',
      'getBinding',
      'getBindingChecks',
      'getCnameToken',
      'listBindings',
      'putBinding',
      'putBindingByBody',
    ]);
    for (const op of operations) {
      expect(op.security).toEqual([{ BearerAuth: [] }, { ApiKeyAuth: [] }]);
      const responses = op.responses as Record<string, { content?: Record<string, unknown> }>;
      expect(Object.keys(responses['400']?.content ?? {})).toEqual(['application/problem+json']);
      expect(responses['502']).toBeDefined();
    }
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['ApiKeyAuth', 'BearerAuth']);
  });
});
