import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { RoundViewer } from '../round-core/round-viewer.js';
import { AuditService } from '../audit/audit.service.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors.js';
import { loadCriteriaTree, questionsOf } from '../criteria/criteria-tree.js';
import { RoundCommands } from '../round-core/round-commands.js';
import { RoundTransition } from '../round-core/round-transition.entity.js';
import { lotLabel, namedLot, NO_LOT } from '../round-core/lots.js';
import type { Round } from '../round-core/round.entity.js';
import type { User } from '../users/user.entity.js';
import { Bid } from './bid.entity.js';
import type { QuestionNode } from '../criteria/criteria-tree.js';
import { BIDS_PAGE, BidDto, type BidsPage, type BidsQueryDto, ComplianceDecisionDto, PracticeBidDto, RegisterBidDto } from './bid.dto.js';
import { BidsErrorCode } from './bids-error-codes.js';

/** Before scoring starts: a practice bid is scored first, so it comes before the real ones. */
const PRACTICE_BID_STAGES = new Set(['tendering', 'compliance']);

/** Answers name only the questions the round asks (not price), each as text. */
function checkResponses(questions: QuestionNode[], responses: Record<string, string>): void {
  const answerable = new Set(questions.filter((q) => q.type !== 'price').map((q) => q.key));
  const unknown = Object.keys(responses).filter((key) => !answerable.has(key));
  if (unknown.length > 0) throw new BusinessRuleError(BidsErrorCode.ResponsesInvalid, `Responses name questions this round does not ask: ${unknown.join(', ')}`, { field: 'responses' });
  const notText = Object.entries(responses).filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([key]) => key);
  if (notText.length > 0) throw new BusinessRuleError(BidsErrorCode.ResponsesInvalid, `Responses must be text: ${notText.join(', ')}`, { field: 'responses' });
}

/** The lot a new bid is for: one of the round's lots when it has lots (required), none otherwise. */
export function lotOfNewBid(round: Round, lotKey: string | undefined): string {
  const named = namedLot(round, lotKey, 'the bid is for');
  if (named.problem !== undefined) throw new BusinessRuleError(BidsErrorCode.LotInvalid, named.problem, { field: 'lotKey' });
  return named.lot?.key ?? NO_LOT;
}

/** "A bid from X is already registered", naming the lot in a round with lots. */
export function supplierTaken(round: Round, supplierName: string, lotKey: string): string {
  const lot = round.lots?.find((l) => l.key === lotKey);
  return lot ? `A bid from ${supplierName} for lot ${lotLabel(lot)} is already registered` : `A bid from ${supplierName} is already registered`;
}

/** A bid that passed the registration checks, saved and audited: by hand (register) or from a spreadsheet (src/bid-import). */
export async function saveRegisteredBid(
  manager: EntityManager, audit: AuditService, roundId: string, actor: User,
  fields: { supplierName: string; lotKey: string; price: string | null; responses: Record<string, string>; receivedAt: Date },
  importedFrom?: { uploadSha256: string; row: number },
): Promise<Bid> {
  const bid = await manager.save(Bid, manager.create(Bid, {
    roundId, ...fields, registeredById: actor.id, compliance: 'pending', complianceReason: null, complianceDecidedAt: null, practice: false,
  }));
  await audit.record(manager, {
    type: 'bid.registered', actorId: actor.id, roundId,
    payload: { bidId: bid.id, supplierName: bid.supplierName, ...(bid.lotKey !== NO_LOT ? { lotKey: bid.lotKey } : {}), price: bid.price, receivedAt: fields.receivedAt.toISOString(), ...(importedFrom ? { importedFrom } : {}) },
    rows: [{ table: 'bids', id: bid.id }],
  });
  return bid;
}

@Injectable()
export class BidsService {
  constructor(private readonly commands: RoundCommands, private readonly audit: AuditService) {}

  register(actor: User, roundId: string, dto: RegisterBidDto): Promise<BidDto> {
    return this.commands.run(actor, roundId, (viewer) => viewer.assertLead('register bids'), async ({ manager, round, viewer, now }) => {
      if (round.state !== 'tendering') throw new ConflictError(BidsErrorCode.WrongStage, 'Bids are registered while the round is open for tenders', { state: round.state });
      const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
      if (receivedAt > now) throw new BusinessRuleError(BidsErrorCode.ReceivedOutsideWindow, 'A bid cannot be received in the future', { field: 'receivedAt' });
      const published = await manager.findOne(RoundTransition, { where: { roundId: round.id, toState: 'tendering' }, order: { occurredAt: 'ASC' } });
      if (published && receivedAt < published.occurredAt) {
        throw new BusinessRuleError(BidsErrorCode.ReceivedOutsideWindow, `A bid cannot be received before the round was published (${published.occurredAt.toISOString()})`, { field: 'receivedAt' });
      }
      if (round.tenderDeadline && receivedAt > round.tenderDeadline) {
        throw new BusinessRuleError(BidsErrorCode.ReceivedOutsideWindow, `The bid was received after the tender deadline (${round.tenderDeadline.toISOString()}) and cannot be accepted`, { field: 'receivedAt' });
      }
      const lotKey = lotOfNewBid(round, dto.lotKey);
      const questions = questionsOf(await loadCriteriaTree(manager, round.id));
      checkResponses(questions, dto.responses);
      const hasPrice = questions.some((q) => q.type === 'price');
      if (hasPrice && !dto.price) throw new BusinessRuleError(BidsErrorCode.PriceInvalid, 'This round scores price: the bid needs a price', { field: 'price' });
      if (!hasPrice && dto.price) throw new BusinessRuleError(BidsErrorCode.PriceInvalid, 'This round does not score price', { field: 'price' });
      if (dto.price !== undefined && Number(dto.price) <= 0) throw new BusinessRuleError(BidsErrorCode.PriceInvalid, 'The price must be more than zero', { field: 'price' });
      if (await manager.existsBy(Bid, { roundId: round.id, lotKey, supplierName: dto.supplierName })) {
        throw new ConflictError(BidsErrorCode.SupplierTaken, supplierTaken(round, dto.supplierName, lotKey));
      }
      const bid = await saveRegisteredBid(manager, this.audit, round.id, actor, { supplierName: dto.supplierName, lotKey, price: dto.price ?? null, responses: dto.responses, receivedAt });
      await this.commands.save(manager, round, {});
      return toDto(bid, viewer);
    });
  }

  /**
   * A calibration exercise, before scoring starts: one made-up bid that every panellist scores first.
   * It needs no compliance decision and has no price; it never takes part in the award (IN_THE_AWARD).
   */
  addPractice(actor: User, roundId: string, dto: PracticeBidDto): Promise<BidDto> {
    return this.commands.run(actor, roundId, (viewer) => viewer.assertLead('add a practice bid'), async ({ manager, round, viewer, now }) => {
      if (!PRACTICE_BID_STAGES.has(round.state)) throw new ConflictError(BidsErrorCode.WrongStage, 'A practice bid is added before scoring starts, while the round is open for tenders or in compliance', { state: round.state });
      if (await manager.existsBy(Bid, { roundId: round.id, practice: true })) throw new ConflictError(BidsErrorCode.PracticeBidExists, 'This round already has a practice bid');
      if (await manager.existsBy(Bid, { roundId: round.id, supplierName: dto.supplierName })) throw new ConflictError(BidsErrorCode.SupplierTaken, `A bid from ${dto.supplierName} is already registered`);
      checkResponses(questionsOf(await loadCriteriaTree(manager, round.id)), dto.responses);
      const bid = await manager.save(Bid, manager.create(Bid, {
        roundId: round.id, supplierName: dto.supplierName, lotKey: NO_LOT, price: null, responses: dto.responses, receivedAt: now,
        registeredById: actor.id, compliance: 'compliant', complianceReason: null, complianceDecidedAt: now, practice: true,
      }));
      await this.commands.save(manager, round, {});
      await this.audit.record(manager, { type: 'bid.practice_added', actorId: actor.id, roundId: round.id, payload: { bidId: bid.id, supplierName: bid.supplierName }, rows: [{ table: 'bids', id: bid.id }] });
      return toDto(bid, viewer);
    });
  }

  decideCompliance(actor: User, roundId: string, bidId: string, dto: ComplianceDecisionDto): Promise<BidDto> {
    return this.commands.run(actor, roundId, (viewer) => viewer.assertLead('decide compliance'), async ({ manager, round, viewer, now }) => {
      if (round.state !== 'compliance') throw new ConflictError(BidsErrorCode.WrongStage, 'Compliance is decided while the round is in compliance', { state: round.state });
      const bid = await manager.findOneBy(Bid, { id: bidId, roundId: round.id });
      if (!bid) throw new NotFoundError(BidsErrorCode.NotFound, 'Bid not found');
      if (bid.practice) throw new ConflictError(BidsErrorCode.PracticeBidNotAssessed, 'A practice bid needs no compliance decision');
      if (dto.decision === 'excluded' && !dto.reason) throw new BusinessRuleError(BidsErrorCode.ReasonRequired, 'Excluding a bid needs a reason', { field: 'reason' });
      Object.assign(bid, { compliance: dto.decision, complianceReason: dto.reason ?? null, complianceDecidedAt: now });
      await manager.save(Bid, bid);
      await this.commands.save(manager, round, {});
      await this.audit.record(manager, { type: 'bid.compliance_decided', actorId: actor.id, roundId: round.id, payload: { bidId: bid.id, decision: dto.decision, reason: dto.reason ?? null }, rows: [{ table: 'bids', id: bid.id }] });
      return toDto(bid, viewer);
    });
  }

  /** The bids the caller may know of (the access policy's seesBid); answers only where seesAnswers. */
  /** Every bid the actor sees, for the pages that need them all (a panellist's declaration of interests). */
  list(actor: User, roundId: string): Promise<BidDto[]> {
    return this.page(actor, roundId, { page: 1, perPage: Number.MAX_SAFE_INTEGER }).then((p) => p.items);
  }

  /**
   * A page of the bids the actor sees, in the order received, with the totals. Which bids they see is
   * decided (seesBid) on the bids' facts alone, read without their answers; only the page's bids are read
   * whole, so a page costs the same whatever the size of the round.
   */
  page(actor: User, roundId: string, query: BidsQueryDto): Promise<BidsPage> {
    return this.commands.query(actor, roundId, (viewer) => viewer.assertCanView(), async ({ manager, round, viewer }) => {
      if (!viewer.seesEverything && !viewer.bidsUnsealedForPanel) throw new NotFoundError(BidsErrorCode.Sealed, 'Bids are sealed until the tender deadline has passed');
      // The id breaks ties: bids imported in the same instant keep one order, so no bid is on two pages.
      const facts = await manager.find(Bid, { where: { roundId: round.id }, order: { receivedAt: 'ASC', id: 'ASC' }, select: { id: true, roundId: true, compliance: true, practice: true, receivedAt: true } });
      const seen = facts.filter((bid) => viewer.seesBid(bid));
      const perPage = query.perPage ?? BIDS_PAGE;
      const page = query.page ?? 1;
      const ids = seen.slice((page - 1) * perPage, page * perPage).map((b) => b.id);
      const whole = new Map(ids.length ? (await manager.find(Bid, { where: { id: In(ids) } })).map((b) => [b.id, b]) : []);
      return {
        items: ids.map((id) => toDto(whole.get(id)!, viewer)),
        total: seen.length, page, perPage, pages: Math.max(1, Math.ceil(seen.length / perPage)),
        practiceBid: facts.some((b) => b.practice),
      };
    });
  }

  get(actor: User, roundId: string, bidId: string): Promise<BidDto> {
    return this.commands.query(actor, roundId, (viewer) => viewer.assertCanView(), async ({ manager, round, viewer }) => {
      const bid = await manager.findOneBy(Bid, { id: bidId, roundId: round.id });
      if (!bid || !viewer.seesBid(bid)) throw new NotFoundError(BidsErrorCode.NotFound, 'Bid not found');
      return toDto(bid, viewer);
    });
  }
}

function toDto(bid: Bid, viewer: RoundViewer): BidDto {
  const answers = viewer.seesAnswers(bid);
  return {
    id: bid.id,
    supplierName: bid.supplierName,
    ...(bid.lotKey !== NO_LOT ? { lotKey: bid.lotKey } : {}),
    ...(viewer.seesPrices && answers ? { price: bid.price } : {}),
    ...(answers ? { responses: bid.responses } : {}),
    receivedAt: bid.receivedAt.toISOString(),
    compliance: bid.compliance,
    ...(viewer.seesEverything ? { complianceReason: bid.complianceReason } : {}),
    practice: bid.practice,
  };
}
