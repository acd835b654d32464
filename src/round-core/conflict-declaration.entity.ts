import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { RoundOwned } from './round-owned.entity.js';
import { InstantColumn } from '../common/columns.js';
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

  // The bid is named, not imported, so the round core needs nothing from bids/ (bids build on the core).
  // Same foreign key and cascade as before; nothing loads this relation.
  @ManyToOne('Bid', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bidId' })
  bid?: Relation<{ id: string }>;

  @Column({ type: 'text' })
  interest: string;

  @InstantColumn()
  declaredAt: Date;
}
