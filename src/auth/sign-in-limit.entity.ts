import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../common/columns.js';

/** One counter of sign-in attempts (per account, per address, per invitation address), shared by every instance. */
@Entity('sign_in_limits')
export class SignInLimit {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  key: string;

  /** Attempts in the current window. */
  @Column({ type: 'integer' })
  count: number;

  @InstantColumn()
  windowEndsAt: Date;

  /** Failures in a row (per account): each one past the allowance doubles the wait. */
  @Column({ type: 'integer' })
  failures: number;

  @InstantColumn({ nullable: true })
  blockedUntil: Date | null;
}
