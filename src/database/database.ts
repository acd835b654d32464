import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';

/**
 * "One command, one transaction" on both databases.
 *
 * SQLite (better-sqlite3) has a single connection that TypeORM shares: two interleaved transactions
 * would collide, and a plain read could see another request's uncommitted rows. So on SQLite every
 * unit of work, read or write, takes its turn behind one mutex. better-sqlite3 is synchronous and fast,
 * so the queue is short. On PostgreSQL each unit gets its own pooled connection; writes run in a
 * transaction and rely on row locks and version columns.
 */
@Injectable()
export class Database {
  private readonly sqliteQueue: Mutex | null;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.sqliteQueue = dataSource.options.type === 'better-sqlite3' ? new Mutex() : null;
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.sqliteQueue ? 'sqlite' : 'postgres';
  }

  /** Runs `work` in one transaction: everything it writes commits together or not at all. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => this.dataSource.transaction((manager) => work(manager));
    return this.sqliteQueue ? this.sqliteQueue.runExclusive(run) : run();
  }

  /** Runs `work` on a consistent view without writing. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.sqliteQueue ? this.sqliteQueue.runExclusive(() => work(this.dataSource.manager)) : work(this.dataSource.manager);
  }
}
