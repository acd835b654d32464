import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';

/** Time comes from here, never from `new Date()` in a service, so tests can move it. */
@Injectable()
export class Clock {
  private offsetMs = 0;
  /** A clock of its own for one piece of work (demo seeding), leaving everyone else's time alone. */
  private readonly isolatedOffset = new AsyncLocalStorage<{ offsetMs: number }>();

  now(): Date {
    return new Date(Date.now() + (this.isolatedOffset.getStore()?.offsetMs ?? this.offsetMs));
  }

  /** Test and demo helper: move time forward (never backward in production use). */
  advance(ms: number): void {
    const isolated = this.isolatedOffset.getStore();
    if (isolated) isolated.offsetMs += ms;
    else this.offsetMs += ms;
  }

  set(instant: Date): void {
    const isolated = this.isolatedOffset.getStore();
    if (isolated) isolated.offsetMs = instant.getTime() - Date.now();
    else this.offsetMs = instant.getTime() - Date.now();
  }

  /**
   * Runs `work` with a clock of its own: `set` and `advance` inside it (and in everything it awaits) move
   * only its time. Demo seeding replays weeks of history this way while requests and the deadline
   * scheduler of the same process keep the real time.
   */
  isolated<T>(work: () => Promise<T>): Promise<T> {
    return this.isolatedOffset.run({ offsetMs: this.offsetMs }, work);
  }
}
