import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { InstantColumn } from '../common/columns.js';
import { EntityWithId } from '../common/entity-id.js';
import { User } from './user.entity.js';

/** A one-time link to set a password. Only the token's SHA-256 is stored, never the token. */
@Entity('invitations')
export class Invitation extends EntityWithId {
  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: User;

  @Column({ type: 'varchar', length: 36, nullable: true })
  invitedById: string | null;

  @InstantColumn()
  createdAt: Date;

  @InstantColumn()
  expiresAt: Date;

  @InstantColumn({ nullable: true })
  usedAt: Date | null;

  /** Set when the inviter (or an administrator) takes the invitation back: the link no longer works. */
  @InstantColumn({ nullable: true })
  revokedAt: Date | null;
}
