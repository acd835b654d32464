import { Column, Entity } from 'typeorm';
import { InstantColumn, JsonColumn } from '../common/columns.js';
import { EntityWithId } from '../common/entity-id.js';
import type { Role } from './role.js';

@Entity('users')
export class User extends EntityWithId {
  /** Stored lower-case: one person, one account, however they type it. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 120 })
  displayName: string;

  @JsonColumn()
  roles: Role[];

  /** Null until an invited user sets a password. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  passwordHash: string | null;

  @InstantColumn()
  createdAt: Date;

  /** Set by an administrator: the account can no longer sign in and its sessions have ended. */
  @InstantColumn({ nullable: true })
  disabledAt: Date | null;
}
