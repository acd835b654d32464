import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { Database } from '../database/database.js';
import { withStartupLock } from '../database/startup-lock.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../accounts/users.service.js';
import { DemoUsers, loadDemoUsers } from './demo-fixtures.js';
import { DemoRounds } from './demo-rounds.js';

export interface SeedOutcome {
  seeded: boolean;
  demo: DemoUsers;
  rounds: string[];
}

/** Fills an empty database with the demo from fixtures/, once. */
@Injectable()
export class SeedService {
  constructor(private readonly db: Database, private readonly users: UsersService, private readonly audit: AuditService, private readonly demoRounds: DemoRounds) {}

  /** Demo users always; the demo rounds too unless asked not to (the tests build their own rounds). */
  seedIfEmpty(options: { rounds?: boolean } = {}): Promise<SeedOutcome> {
    // Under the start-up lock: of several instances starting on one empty database, exactly one seeds.
    return withStartupLock(this.db.dataSource, () => this.seedUnlocked(options));
  }

  private async seedUnlocked(options: { rounds?: boolean }): Promise<SeedOutcome> {
    const demo = loadDemoUsers();
    const seeded = await this.db.write(async (manager) => {
      if ((await manager.count(User)) > 0) return false;
      for (const user of demo.users) {
        await this.users.createActive(manager, { ...user, password: demo.demoPassword });
      }
      await this.audit.record(manager, { type: 'demo.seeded', actorId: null, payload: { users: demo.users.length } });
      return true;
    });
    const rounds = seeded && (options.rounds ?? true) ? await this.demoRounds.seed() : [];
    return { seeded, demo, rounds };
  }
}
