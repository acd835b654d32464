import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { RoundOwned } from '../rounds/round-owned.entity.js';
import { InstantColumn } from '../common/columns.js';
import { Bid } from '../bids/bid.entity.js';
import { PanelMember } from './panel-member.entity.js';

/** A declared interest in one bid: the member is recused from that bid. Never deleted. */
@Entity('conflict_declarations')
@Index('IDX_conflicts_member_bid', ['panelMemberId', 'bidId'], { unique: true })
export class ConflictDeclaration extends RoundOwned {
  @Column({ type: 'varchar', length: 36 })
  panelMemberId: string;

  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panelMemberId' })
  panelMember?: Relation<PanelMember>;

  @Column({ type: 'varchar', length: 36 })
  bidId: string;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bidId' })
  bid?: Relation<Bid>;

  @Column({ type: 'text' })
  interest: string;

  @InstantColumn()
  declaredAt: Date;
}
