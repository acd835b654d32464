import { startTestApp, TestApp } from './support/test-app.js';

describe('request validation', () => {
  let t: TestApp;
  let commissioner: string;
  beforeAll(async () => {
    t = await startTestApp();
    commissioner = await t.tokenFor('commissioner@demo.test');
  });
  afterAll(() => t.close());

  const invite = (body: unknown) => t.http().post('/api/users').set('Authorization', `Bearer ${commissioner}`).send(body as object);

  it('names an unknown field', async () => {
    const response = await invite({ email: 'a@example.org', displayName: 'A', roles: ['auditor'], isAdmin: true }).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, message: 'The request is not valid', errors: [{ field: 'isAdmin', messages: ['property isAdmin should not exist'] }] });
  });

  it('names a field of the wrong type', async () => {
    const response = await invite({ email: 'a@example.org', displayName: 42, roles: 'auditor' }).expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['displayName', 'roles']);
  });

  it('names a missing field and an unknown role', async () => {
    const response = await invite({ displayName: 'A', roles: ['admin'] }).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'email' }),
      { field: 'roles', messages: ['each value in roles must be one of the following values: administrator, commissioner, panellist, auditor'] },
    ]));
  });

  it('rejects a body that is not JSON with a 400, not a 500', async () => {
    const response = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.js|stack/i);
  });

  it('validates the sign-in body the same way', async () => {
    const response = await t.http().post('/api/auth/login').send({ email: 'not-an-email', password: '' }).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });
});
