import { DataSource } from 'typeorm';
import { Database } from '../src/database/database.js';
import { createTestDatabase } from './support/test-database.js';
import { DEMO, startTestApp } from './support/test-app.js';

describe('first start and restart', () => {
  it('migrates and seeds a fresh database once; a second start keeps the data and does not seed again', async () => {
    const db = await createTestDatabase({ empty: true });
    const first = await startTestApp({ db });
    try {
      const count = async () => (await db.sql('SELECT id FROM users')).length;
      expect(await count()).toBe(DEMO.users.length);
      const migrations = await db.sql('SELECT name FROM migrations');
      expect(migrations.length).toBeGreaterThanOrEqual(1);
      const commissioner = await first.tokenFor('commissioner@demo.test');
      await first.http().post('/api/users').set('Authorization', `Bearer ${await first.tokenFor('admin@demo.test')}`).send({ email: 'kept@example.org', displayName: 'Kept', roles: ['auditor'] }).expect(201);
      await first.close({ dropDatabase: false });

      const second = await startTestApp({ db });
      try {
        expect(await count()).toBe(DEMO.users.length + 1);
        expect(await db.sql(`SELECT sequence FROM audit_events WHERE type = 'demo.seeded'`)).toHaveLength(1);
        expect(await db.sql('SELECT name FROM migrations')).toHaveLength(migrations.length);
        // A token from before the restart still works: the secret is the same.
        await second.http().get('/api/auth/me').set('Authorization', `Bearer ${commissioner}`).expect(200);
        const auditor = await second.tokenFor('auditor@demo.test');
        expect((await second.http().get('/api/audit/verify').set('Authorization', `Bearer ${auditor}`).expect(200)).body.valid).toBe(true);
      } finally {
        await second.close();
      }
    } catch (error) {
      await db.drop();
      throw error;
    }
  });

  it('has migrations that match the entities exactly (nothing left for synchronize to do)', async () => {
    const t = await startTestApp({ seed: false });
    try {
      const dataSource: DataSource = t.app.get(Database).dataSource;
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('the unit-of-work helper', () => {
  it('runs a read nested in another unit of work inside it instead of waiting forever, and refuses a nested write', async () => {
    const t = await startTestApp({ seed: false });
    try {
      const db = t.app.get(Database);
      const nested = await db.write(async (manager) => {
        await manager.query('SELECT 1');
        return db.read(async (inner) => (await inner.query('SELECT 2 AS two'))[0].two);
      });
      expect(Number(nested)).toBe(2);
      if (db.kind === 'sqlite') await expect(db.read(() => db.write(async () => 1))).rejects.toThrow('A write cannot start inside another unit of work');
    } finally {
      await t.close();
    }
  });
});
