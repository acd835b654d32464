import { Clock } from '../src/common/clock.js';
import { SeedService } from '../src/seed/seed.service.js';
import { bearer } from './support/rounds.js';
import { createTestDatabase } from './support/test-database.js';
import { DEMO, startTestApp } from './support/test-app.js';

const count = async (rows: Promise<unknown[]>) => Number(((await rows) as { n: number | string }[])[0].n);

describe('several instances on one database', () => {
  // SQLite is one file for one instance; instances share a PostgreSQL database.
  const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;

  onPostgres('starts three instances together on one empty PostgreSQL database: one migrates, one seeds, all serve', async () => {
    const db = await createTestDatabase({ empty: true });
    const instances = await Promise.all([0, 1, 2].map(() => startTestApp({ db, demoRounds: true })));
    try {
      expect(await count(db.sql('SELECT COUNT(*) AS n FROM users'))).toBe(DEMO.users.length);
      expect(await count(db.sql(`SELECT COUNT(*) AS n FROM audit_events WHERE type = 'demo.seeded'`))).toBe(1);
      const migrations = (await db.sql('SELECT name FROM migrations')) as { name: string }[];
      expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
      // A session started on one instance is good on the others (shared AUTH_SECRET, sessions in the database)...
      const token = await instances[0].tokenFor('auditor@demo.test');
      for (const t of instances) expect((await t.http().get('/api/audit/verify').set(bearer(token)).expect(200)).body.valid).toBe(true);
      // ...and signing out on one ends it on all.
      await instances[1].http().post('/api/auth/logout').set(bearer(token)).expect(204);
      for (const t of instances) await t.http().get('/api/auth/me').set(bearer(token)).expect(401);
    } finally {
      for (const t of instances.slice(1)) await t.close({ dropDatabase: false });
      await instances[0].close();
    }
  }, 120_000); // three instances, one seeding five demo rounds
});

describe('demo seeding and the clock', () => {
  it('replays the demo history without moving the clock of the process', async () => {
    const t = await startTestApp({ seed: false });
    try {
      const clock = t.app.get(Clock);
      const seen: number[] = [];
      const watch = setInterval(() => seen.push(clock.now().getTime() - Date.now()), 5);
      const outcome = await t.app.get(SeedService).seedIfEmpty({ rounds: true });
      clearInterval(watch);
      expect(outcome.rounds.length).toBeGreaterThan(0);
      expect(seen.length).toBeGreaterThan(0);
      expect(Math.max(...seen.map(Math.abs))).toBeLessThan(50); // requests and the scheduler saw real time throughout
      expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(50);
      // The history itself is weeks old, as the demo means it to be.
      const oldest = ((await t.db.sql(`SELECT MIN("occurredAt") AS at FROM round_transitions`)) as { at: string }[])[0].at;
      expect(new Date(oldest).getTime()).toBeLessThan(Date.now() - 30 * 24 * 3600 * 1000);
    } finally {
      await t.close();
    }
  }, 120_000);
});
