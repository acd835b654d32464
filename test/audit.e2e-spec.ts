import { startTestApp, TestApp } from './support/test-app.js';

describe('audit trail', () => {
  let t: TestApp;
  let auditor: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    auditor = await t.tokenFor('auditor@demo.test');
    admin = await t.tokenFor('admin@demo.test');
  });
  afterAll(() => t.close());

  const verify = () => t.http().get('/api/audit/verify').set('Authorization', `Bearer ${auditor}`).expect(200);

  it('chains every event to the one before it in its chain and verifies', async () => {
    await t.http().post('/api/users').set('Authorization', `Bearer ${admin}`).send({ email: 'chain@example.org', displayName: 'C', roles: ['auditor'] }).expect(201);
    const events = (await t.http().get('/api/audit').set('Authorization', `Bearer ${auditor}`).expect(200)).body;
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(events[0]).toMatchObject({ sequence: 1, chain: 'system', position: 1, type: 'demo.seeded', prevHash: '0'.repeat(64) });
    // No round yet: every event is in the system chain, one after another.
    events.forEach((event: { sequence: number; chain: string; position: number; prevHash: string }, i: number) => {
      expect(event).toMatchObject({ sequence: i + 1, chain: 'system', position: i + 1 });
      if (i > 0) expect(event.prevHash).toBe(events[i - 1].hash);
    });
    expect(events.map((e: { type: string }) => e.type)).toContain('user.invited');
    const result = (await verify()).body;
    expect(result).toMatchObject({ valid: true, eventsChecked: events.length, firstBreak: null, lastHash: events[events.length - 1].hash });
  });

  it('commits a change and its audit event together or not at all', async () => {
    const before = (await verify()).body.eventsChecked;
    // Make the audit insert fail after the user row is written in the same transaction.
    if (t.db.kind === 'sqlite') {
      await t.db.sql(`CREATE TRIGGER fail_invites BEFORE INSERT ON audit_events WHEN NEW.type = 'user.invited' BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
    } else {
      await t.db.sql(`CREATE FUNCTION fail_invites() RETURNS trigger AS $$ BEGIN IF NEW.type = 'user.invited' THEN RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await t.db.sql(`CREATE TRIGGER fail_invites BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_invites()`);
    }
    try {
      const failed = await t.http().post('/api/users').set('Authorization', `Bearer ${admin}`).send({ email: 'half@example.org', displayName: 'Half', roles: ['auditor'] }).expect(500);
      expect(failed.body.message).toBe('Something went wrong; the change was not saved');
      expect(JSON.stringify(failed.body)).not.toMatch(/forced failure|INSERT|audit_events/);
      expect(await t.db.sql(`SELECT id FROM users WHERE email = 'half@example.org'`)).toEqual([]);
      expect(await t.db.sql(`SELECT i.id FROM invitations i JOIN users u ON u.id = i."userId" WHERE u.email = 'half@example.org'`)).toEqual([]);
    } finally {
      await t.db.sql('DROP TRIGGER fail_invites' + (t.db.kind === 'postgres' ? ' ON audit_events' : ''));
    }
    expect((await verify()).body).toMatchObject({ valid: true, eventsChecked: before });
    // With the failure gone the same request succeeds.
    await t.http().post('/api/users').set('Authorization', `Bearer ${admin}`).send({ email: 'half@example.org', displayName: 'Half', roles: ['auditor'] }).expect(201);
  });

  it('names the first changed row when a stored event is edited by SQL', async () => {
    const events = (await t.http().get('/api/audit').set('Authorization', `Bearer ${auditor}`).expect(200)).body;
    const target = events.find((e: { type: string }) => e.type === 'user.invited');
    await t.db.sql(`UPDATE audit_events SET payload = '{"roles":["commissioner"]}' WHERE sequence = ${target.sequence}`);
    const result = (await verify()).body;
    expect(result.valid).toBe(false);
    expect(result.firstBreak).toEqual({ sequence: target.sequence, chain: 'system', roundId: null, problem: 'its contents do not match its hash (the row was changed)' });
    expect(result.eventsChecked).toBe(target.sequence - 1);
  });

  it('names a gap when an event is deleted', async () => {
    await t.db.sql('DELETE FROM audit_events WHERE sequence = 2');
    const result = (await verify()).body;
    expect(result.firstBreak).toEqual({ sequence: 3, chain: 'system', roundId: null, problem: 'expected position 2 of its chain next, found 3 (events missing)' });
  });

  it('is for commissioners and auditors only', async () => {
    const panellist = await t.tokenFor('yp1@demo.test');
    await t.http().get('/api/audit/verify').set('Authorization', `Bearer ${panellist}`).expect(403);
  });
});
