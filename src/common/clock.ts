import { Injectable } from '@nestjs/common';

/** Time comes from here, never from `new Date()` in a service, so tests can move it. */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Test and demo helper: move time forward (never backward in production use). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
}
