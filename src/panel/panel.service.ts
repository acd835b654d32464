import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { RoundViewer } from '../round-core/round-viewer.js';
import { AuditService } from '../audit/audit.service.js';
import { Bid } from '../bids/bid.entity.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors.js';
import { RoundCommands } from '../round-core/round-commands.js';
import { Consensus } from '../scoring/consensus.entity.js';
import { Score } from '../scoring/score.entity.js';
import { User } from '../users/user.entity.js';
import { ConflictDeclaration } from '../round-core/conflict-declaration.entity.js';
import { PanelMember } from '../round-core/panel-member.entity.js';
import { AddPanelMemberDto, ConflictDto, ConflictStatusDto, DeclareConflictDto, PanelMemberDto } from './panel.dto.js';
import { CONFLICTS_DECLARABLE } from '../round-core/round-stages.js';

/**
 * A member who declares an interest after their marks counted towards a recorded consensus: the
 * consensus stays, flagged, until the lead reviews it and confirms it with a reason. Returns the
 * flagged consensus ids.
 */
async function flagConsensusForReview(manager: EntityManager, member: PanelMember, bid: Bid, now: Date): Promise<string[]> {
  const marks = await manager.find(Score, { where: { panelMemberId: member.id, bidId: bid.id, submittedAt: Not(IsNull()) } });
  if (marks.length === 0 || member.withdrawnAt) return [];
  const consensus = await manager.find(Consensus, { where: { bidId: bid.id, group: member.group, criterionId: In(marks.map((m) => m.criterionId)) } });
  for (const c of consensus) {
    const mark = marks.find((m) => m.criterionId === c.criterionId)!.mark;
    const reviewNeeded = `${member.panelCode} declared an interest in ${bid.supplierName}'s bid on ${now.toISOString()}, after this mark was agreed; their mark (${mark}) no longer counts. Review the agreed mark and confirm it with a reason.`;
    await manager.update(Consensus, { id: c.id }, { reviewNeeded });
  }
  return consensus.map((c) => c.id);
}

const CODE_PREFIX = { youngPartner: 'YP', professional: 'P' } as const;

@Injectable()
export class PanelService {
  constructor(private readonly commands: RoundCommands, private readonly audit: AuditService) {}

  addMember(actor: User, roundId: string, dto: AddPanelMemberDto): Promise<PanelMemberDto> {
    return this.commands.run(actor, roundId, (viewer) => viewer.assertLead('change the panel'), async ({ manager, round, now }) => {
      if (round.state !== 'draft') throw new ConflictError('The panel can change only while the round is a draft', { state: round.state });
      const user = await manager.findOneBy(User, { id: dto.userId });
      if (!user) throw new NotFoundError('User not found');
      if (!user.roles.includes('panellist')) throw new BusinessRuleError(`${user.displayName} does not hold the panellist role`);
      RoundViewer.assertMaySitOnPanel(round, user);
      if (await manager.existsBy(PanelMember, { roundId: round.id, userId: user.id })) throw new ConflictError(`${user.displayName} is already on this panel`);
      const panelCode = dto.panelCode ?? (await this.nextCode(manager, round.id, dto.group));
      if (await manager.existsBy(PanelMember, { roundId: round.id, panelCode })) throw new ConflictError(`The panel code ${panelCode} is already taken on this panel`);
      const member = await manager.save(PanelMember, manager.create(PanelMember, {
        roundId: round.id, userId: user.id, group: dto.group, panelCode, seesPrice: dto.seesPrice ?? false, addedAt: now,
        conflictsDeclaredAt: null, scoresSubmittedAt: null, withdrawnAt: null, withdrawalReason: null,
      }));
      await this.commands.save(manager, round, {});
      await this.audit.record(manager, { type: 'panel.member_added', actorId: actor.id, roundId: round.id, payload: { panelMemberId: member.id, userId: user.id, group: dto.group, panelCode, seesPrice: member.seesPrice }, rows: [{ table: 'panel_members', id: member.id }] });
      return { id: member.id, userId: user.id, displayName: user.displayName, panelCode, group: member.group, seesPrice: member.seesPrice };
    });
  }

  removeMember(actor: User, roundId: string, memberId: string): Promise<void> {
    return this.commands.run(actor, roundId, (viewer) => viewer.assertLead('change the panel'), async ({ manager, round }) => {
      if (round.state !== 'draft') throw new ConflictError('The panel can change only while the round is a draft; after that a member withdraws with a reason', { state: round.state });
      const member = await manager.findOneBy(PanelMember, { id: memberId, roundId: round.id });
      if (!member) throw new NotFoundError('Panel member not found');
      await manager.delete(PanelMember, { id: member.id });
      await this.commands.save(manager, round, {});
      await this.audit.record(manager, { type: 'panel.member_removed', actorId: actor.id, roundId: round.id, payload: { panelMemberId: member.id, panelCode: member.panelCode }, rows: [{ table: 'panel_members', id: member.id, deleted: true }] });
    });
  }

  /** A declared interest recuses the member from that bid; "no conflicts" (no bidId) completes the declaration. */
  declare(actor: User, roundId: string, dto: DeclareConflictDto): Promise<ConflictStatusDto> {
    return this.commands.run(actor, roundId, (viewer) => viewer.assertPanellist('declare conflicts'), async ({ manager, round, viewer, now }) => {
      const member = viewer.member!;
      if (!CONFLICTS_DECLARABLE.has(round.state)) {
        throw new ConflictError('Conflicts are declared once the bids are opened (after the tender deadline)', { state: round.state });
      }
      if (dto.bidId) {
        if (!dto.interest) throw new BusinessRuleError('Say what the interest is', { field: 'interest' });
        const bid = await manager.findOneBy(Bid, { id: dto.bidId, roundId: round.id });
        if (!bid) throw new NotFoundError('Bid not found');
        if (await manager.existsBy(ConflictDeclaration, { panelMemberId: member.id, bidId: bid.id })) throw new ConflictError(`You have already declared an interest in ${bid.supplierName}'s bid`);
        const declaration = await manager.save(ConflictDeclaration, manager.create(ConflictDeclaration, { roundId: round.id, panelMemberId: member.id, bidId: bid.id, interest: dto.interest, declaredAt: now }));
        const flagged = await flagConsensusForReview(manager, member, bid, now);
        await this.audit.record(manager, {
          type: 'panel.conflict_declared', actorId: actor.id, roundId: round.id, payload: { panelCode: member.panelCode, bidId: bid.id, interest: dto.interest, consensusToReview: flagged },
          rows: [{ table: 'conflict_declarations', id: declaration.id }, ...flagged.map((id) => ({ table: 'consensus' as const, id }))],
        });
      } else {
        if (dto.interest) throw new BusinessRuleError('An interest needs the bid it relates to', { field: 'bidId' });
        if (member.conflictsDeclaredAt) throw new ConflictError('You have already completed your declaration; declare any new interest against its bid');
        await manager.update(PanelMember, { id: member.id }, { conflictsDeclaredAt: now });
        member.conflictsDeclaredAt = now;
        await this.audit.record(manager, { type: 'panel.conflicts_declaration_completed', actorId: actor.id, roundId: round.id, payload: { panelCode: member.panelCode }, rows: [{ table: 'panel_members', id: member.id }] });
      }
      return this.status(manager, member, round.id);
    });
  }

  /** The lead and auditors see every member's declarations; a panellist sees their own. */
  conflicts(actor: User, roundId: string): Promise<ConflictStatusDto[]> {
    return this.commands.query(actor, roundId, (viewer) => viewer.assertCanView(), async ({ manager, round, viewer }) => {
      const members = viewer.seesEverything
        ? await manager.find(PanelMember, { where: { roundId: round.id }, order: { panelCode: 'ASC' } })
        : [viewer.member!];
      return Promise.all(members.map((member) => this.status(manager, member, round.id)));
    });
  }

  private async status(manager: EntityManager, member: PanelMember, roundId: string): Promise<ConflictStatusDto> {
    const declarations = await manager.find(ConflictDeclaration, { where: { panelMemberId: member.id }, order: { declaredAt: 'ASC' } });
    const bids = declarations.length ? await manager.find(Bid, { where: { roundId, id: In(declarations.map((d) => d.bidId)) } }) : [];
    const conflicts: ConflictDto[] = declarations.map((d) => ({
      panelCode: member.panelCode,
      bidId: d.bidId,
      supplierName: bids.find((b) => b.id === d.bidId)?.supplierName ?? null,
      interest: d.interest,
      declaredAt: d.declaredAt.toISOString(),
    }));
    return { panelCode: member.panelCode, declared: member.conflictsDeclaredAt !== null, conflicts };
  }

  private async nextCode(manager: EntityManager, roundId: string, group: keyof typeof CODE_PREFIX): Promise<string> {
    const prefix = CODE_PREFIX[group];
    const taken = new Set((await manager.find(PanelMember, { where: { roundId }, select: { panelCode: true } })).map((m) => m.panelCode));
    let n = 1;
    while (taken.has(`${prefix}${n}`)) n++;
    return `${prefix}${n}`;
  }
}
