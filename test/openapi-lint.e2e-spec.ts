import { createConfig, lintFromString } from '@redocly/openapi-core';
import { startTestApp, TestApp } from './support/test-app.js';

/** The API contract, checked by a standard linter (Redocly's recommended rules) as a client's tooling would. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let spec: { servers?: unknown[]; paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>>; components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> } };
  beforeAll(async () => {
    t = await startTestApp();
    spec = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('lints clean with the recommended rules: no errors, no operation without a 4xx answer', async () => {
    const problems = await lintFromString({ source: JSON.stringify(spec), absoluteRef: 'openapi.json', config: await createConfig({ extends: ['recommended'] }) });
    const shown = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
    expect(shown.filter((p) => p.startsWith('error') || p.includes('operation-4xx-response'))).toEqual([]);
  });

  it('documents every 4xx answer with the error schema, its code included', () => {
    const error = spec.components.schemas.ErrorDto;
    expect(error.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'error', 'message']));
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const fourXX = Object.entries(operation.responses).filter(([status]) => status.startsWith('4'));
        expect(`${method} ${path}: ${fourXX.length > 0}`).toBe(`${method} ${path}: true`);
        for (const [status, response] of fourXX) {
          expect(`${method} ${path} ${status}: ${response.content?.['application/json']?.schema.$ref}`).toBe(`${method} ${path} ${status}: #/components/schemas/ErrorDto`);
        }
        expect(`${method} ${path} security: ${Array.isArray(operation.security)}`).toBe(`${method} ${path} security: true`);
      }
    }
  });

  it('names the server', () => {
    expect(spec.servers?.length).toBeGreaterThan(0);
  });
});
