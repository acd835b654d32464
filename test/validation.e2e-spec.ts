import { plainWords } from '../src/common/validation.js';
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
    expect(response.body).toMatchObject({ statusCode: 400, message: 'The request is not valid', errors: [{ field: 'isAdmin', messages: ['isAdmin is not something this form accepts: leave it out'] }] });
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
      { field: 'roles', messages: ['each value in roles must be one of: administrator, commissioner, panellist, auditor'] },
    ]));
  });

  it('rejects a body that is not JSON with a 400, not a 500', async () => {
    const response = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.js|stack/i);
  });

  it('says where a JSON body breaks as a line and a column, never as a position', async () => {
    // Line 3 lacks a comma before "extra": two spaces, "password" (10), a colon, a space, "x" (3) and a space
    // make 18 characters, so the unexpected "extra" starts at column 19 (counted by hand).
    const body = '{\n  "email": "a@b.org",\n  "password": "x" "extra": 1\n}';
    const response = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(body).expect(400);
    expect(response.body.message).toBe('The request body is not valid JSON: the problem is at line 3, column 19');
    expect(response.body.message).not.toMatch(/position/);
  });

  it('speaks plain words for every default message, still naming the field', async () => {
    const scoreless = await t.http().post('/api/users').set('Authorization', `Bearer ${commissioner}`).send({ email: 'not an email', displayName: '', roles: [] }).expect(400);
    expect(scoreless.body.errors).toEqual(expect.arrayContaining([
      { field: 'email', messages: ['email must be an email address, such as name@example.org'] },
      { field: 'displayName', messages: ['displayName must be at least 1 character long'] },
      { field: 'roles', messages: ['roles must have at least 1 item'] },
    ]));
    const list = await t.http().post('/api/users').set('Authorization', `Bearer ${commissioner}`).send([1]).expect(400);
    const said = JSON.stringify(list.body.errors);
    expect(said).toContain('the request must be a JSON object with named fields, not a list');
    expect(said).not.toMatch(/property 0 should not exist|must be longer than or equal|must be an integer number|conforming to the specified/);
  });

  it('turns every class-validator default into plain words (no default survives)', () => {
    const defaults: [string, string][] = [
      ['summary must be longer than or equal to 5 characters', 'summary must be at least 5 characters long'],
      ['mark must be an integer number', 'mark must be a whole number, such as 3'],
      ['weight must not be less than 0', 'weight must be 0 or more'],
      ['mark must not be greater than 5', 'mark must be 5 or less'],
      ['title must be shorter than or equal to 200 characters', 'title is too long: it can be at most 200 characters'],
      ['price must be a number conforming to the specified constraints', 'price must be a number'],
      ['bidId must be a UUID', 'bidId must be an id as given by this service (such as 3f2b8c1e-6a7d-4e0b-9c35-1d2e4f5a6b7c)'],
      ['deadline must be a valid ISO 8601 date string', 'deadline must be a date, such as 2027-03-01, or a date and time, such as 2027-03-01T12:00:00Z'],
      ['property extra should not exist', 'extra is not something this form accepts: leave it out'],
    ];
    for (const [given, plain] of defaults) expect(plainWords(given)).toBe(plain);
  });

  it('validates the sign-in body the same way', async () => {
    const response = await t.http().post('/api/auth/login').send({ email: 'not-an-email', password: '' }).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });
});
