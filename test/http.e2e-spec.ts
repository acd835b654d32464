import { startTestApp, TestApp } from './support/test-app.js';

describe('HTTP conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports health with the database, without signing in', async () => {
    const response = await t.http().get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: { kind: t.db.kind, status: 'up' } });
  });

  it('sets security headers and a request id (kept from the caller when given)', async () => {
    const response = await t.http().get('/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const traced = await t.http().get('/api/auth/me').set('X-Request-Id', 'trace-123').expect(401);
    expect(traced.headers['x-request-id']).toBe('trace-123');
    expect(traced.body.requestId).toBe('trace-123');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const token = await t.tokenFor('commissioner@demo.test');
    const response = await t.http().get('/api/nothing-here').set('Authorization', `Bearer ${token}`).expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('serves OpenAPI docs covering every route with DTO schemas', async () => {
    await t.http().get('/api/docs').expect(200).expect('Content-Type', /html/);
    const spec = (await t.http().get('/api/docs-json').expect(200)).body;
    const operations = Object.entries(spec.paths as Record<string, Record<string, { responses: object; requestBody?: unknown }>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    // Every API route the app actually serves (read from Express's router), except the docs themselves; pages are not API.
    const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
    const served = router.stack
      .filter((layer) => layer.route && /^\/(api|health)/.test(layer.route.path) && !layer.route.path.startsWith('/api/docs') && !layer.route.path.includes('*'))
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`));
    expect(served.length).toBeGreaterThan(20);
    expect(operations.sort()).toEqual([...new Set(served)].sort());
    const login = spec.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/LoginDto');
    expect(login.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/SessionDto');
    expect(spec.components.schemas.CreateUserDto.required).toEqual(['email', 'displayName', 'roles']);
  });
});
