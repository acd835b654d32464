import { AsyncLocalStorage } from 'node:async_hooks';
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
  /** Marks the async context that holds the SQLite turn, so a nested read runs inside it instead of deadlocking. */
  private readonly holdingTurn = new AsyncLocalStorage<true>();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.sqliteQueue = dataSource.options.type === 'better-sqlite3' ? new Mutex() : null;
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.sqliteQueue ? 'sqlite' : 'postgres';
  }

  /**
   * The lock option of a find inside a write, spread into it (`{ where, ...db.rowLock() }`): on PostgreSQL the
   * row is locked to the end of the transaction (other instances wait their turn); SQLite's one writer needs none.
   */
  rowLock(mode: 'exclusive' | 'shared' = 'exclusive'): { lock?: { mode: 'pessimistic_write' | 'pessimistic_read' } } {
    return this.kind === 'postgres' ? { lock: { mode: mode === 'shared' ? 'pessimistic_read' : 'pessimistic_write' } } : {};
  }

  /** Runs `work` in one transaction: everything it writes commits together or not at all. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.holdingTurn.getStore()) throw new Error('A write cannot start inside another unit of work');
    return this.inTurn(() => this.dataSource.transaction((manager) => work(manager)));
  }

  /** Runs `work` on a consistent view without writing (on PostgreSQL, one repeatable-read snapshot). */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.sqliteQueue) return this.dataSource.transaction('REPEATABLE READ', (manager) => work(manager));
    if (this.holdingTurn.getStore()) return work(this.dataSource.manager);
    return this.inTurn(() => work(this.dataSource.manager));
  }

  /**
   * Runs one statement that reads: consistent on its own, so on PostgreSQL it needs no transaction (no
   * BEGIN, isolation level or COMMIT round trips, as `read` sends); on SQLite it takes its turn like any read.
   */
  readOne<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.sqliteQueue) return work(this.dataSource.manager);
    return this.read(work);
  }

  private inTurn<T>(run: () => Promise<T>): Promise<T> {
    if (!this.sqliteQueue) return run();
    return this.sqliteQueue.runExclusive(() => this.holdingTurn.run(true, run));
  }
}
