// The OpenAPI security requirement of every API route: a Bearer API key or the X-API-Key header
// (schemes defined in src/plugins/openapi.ts).
export const API_KEY_SECURITY: Array<Record<string, string[]>> = [{ BearerAuth: [] }, { ApiKeyAuth: [] }];
