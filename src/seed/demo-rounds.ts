import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { AwardService } from '../award/award.service.js';
import { ResultsService } from '../award/results.service.js';
import { BidImportService } from '../bid-import/bid-import.service.js';
import { BidsService } from '../bids/bids.service.js';
import { ClarificationsService } from '../clarifications/clarifications.service.js';
import { Clock } from '../common/clock.js';
import { DemoContract } from '../contracts/demo-contract.js';
import { Database } from '../database/database.js';
import { PanelService } from '../panel/panel.service.js';
import { RoundDefinitionDto } from '../rounds/round-definition.dto.js';
import { RoundsService } from '../rounds/rounds.service.js';
import { StatementsService, type NewStatement } from '../statements/statements.service.js';
import { seedQuestionReview } from './demo-question-review.js';
import { QuestionReviewService } from '../question-review/question-review.service.js';
import { ModerationService } from '../scoring/moderation.service.js';
import { ScoringService } from '../scoring/scoring.service.js';
import { User } from '../users/user.entity.js';
import { FIXTURES_DIR, loadDemoUsers, type DemoUser } from './demo-fixtures.js';

const DAY = 24 * 3600 * 1000;

interface DemoClarification {
  questionKey: string | null;
  askedBy: string;
  question: string;
  answer: string | null;
  changesTenderDocuments: boolean;
  supersede?: { answer: string; reason: string; changesTenderDocuments: boolean };
}

interface DemoBid {
  supplierName: string;
  price: string;
  responses: Record<string, string>;
}

interface DemoPlan {
  stage: 'tendering' | 'scoring' | 'awardDecision' | 'awarded';
  /** Each bid's quality, in the order its bids are registered (or the import file's rows). */
  quality: number[];
  excluded?: Record<string, string>;
  /**
   * Bids imported from this file in fixtures/ (as a lead imports a portal export: checked, then confirmed)
   * instead of fixtures/demo-bids.json. Its received-at times are fixed, so the round keeps the timetable
   * of its fixture rather than one dated from today.
   */
  importBidsFrom?: string;
  /** Lots decided at the award decision: the top-ranked bid, or no award with the reason. */
  lotDecisions?: Record<string, 'topRanked' | { noAwardReason: string }>;
}

/** How far each demo round is taken, and how good each of its bids is (the mean mark it tends to get). */
const PLAN: Record<string, DemoPlan> = {
  // Awarded over a year ago: its contract has KPIs from the workshop's statements, two quarters of results and reviews.
  'MNT-2026-002': { stage: 'awarded', quality: [3.2, 2.2] },
  'LVRP-PSR-2027-022': { stage: 'tendering', quality: [] },
  'LVRP-2027-014': { stage: 'scoring', quality: [] },
  'YJS-2027-006': {
    stage: 'awardDecision',
    quality: [3.4, 2.4, 1.4],
    excluded: { 'Brookmere Community Services': 'The safeguarding policy was not attached and the barred list check for volunteers was not confirmed (pass/fail question PF1)' },
  },
  // Three lots, one per Integrated Care System; Keystone and Halden bid for two lots each. At the award
  // decision L1 has its preferred bidder and L3 no award; L2 is left for a visitor to decide.
  'ICS-2026-031': {
    stage: 'awardDecision',
    importBidsFrom: 'bid-import/three-ics-bids.csv',
    quality: [3.4, 2.6, 2.0, 3.4, 3.2, 2.6, 1.4], // a supplier's two bids share their answers, so their marks too
    excluded: { 'Brookmere Community Services': 'The safeguarding policy was not attached and the barred list check for volunteers was not confirmed (pass/fail question PF1)' },
    lotDecisions: {
      L1: 'topRanked',
      L3: { noAwardReason: "The only compliant bid (£3,390,000) is above the £3.2m budget North West London ICS agreed for this lot; the ICS will review the service model and the lot will be tendered again." },
    },
  },
};

const WHY: Record<number, string> = {
  0: 'The answer does not address this question.',
  1: 'Very little here on this question: mostly general statements, with no detail on how it would work for young people.',
  2: 'Covers the basics, but the answer stays general; it does not show how they would do it in practice or who would do it.',
  3: 'A clear, specific answer with named roles and a realistic plan, drawing on what they already do.',
  4: 'Outstanding: specific, evidenced and shaped with young people, with examples of what changed because of their feedback.',
  5: 'Exceptional, with strong evidence throughout.',
};

/**
 * The demo rounds: created through the same services a commissioner and panel use, with the clock
 * moved back so their history reads like a real timetable. One round is open for tenders, one is being
 * scored by the demo panel, one has been scored and moderated and awaits the award decision.
 */
@Injectable()
export class DemoRounds {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly rounds: RoundsService,
    private readonly panel: PanelService,
    private readonly bids: BidsService,
    private readonly scoring: ScoringService,
    private readonly moderation: ModerationService,
    private readonly statements: StatementsService,
    private readonly questionReview: QuestionReviewService,
    private readonly contract: DemoContract,
    private readonly clarifications: ClarificationsService,
    private readonly bidImport: BidImportService,
    private readonly results: ResultsService,
    private readonly award: AwardService,
  ) {}

  /** Replays the demo's history on a clock of its own: the process's clock is never moved. */
  seed(): Promise<string[]> {
    return this.clock.isolated(() => this.replay());
  }

  /** Bidders' questions two days into tendering, answered and published the day after (one superseded). */
  private async seedClarifications(lead: User, roundId: string, items: DemoClarification[]): Promise<void> {
    const receivedAt = this.clock.now().toISOString();
    this.clock.advance(DAY);
    for (const item of items) {
      const recorded = await this.clarifications.record(lead, roundId, { question: item.question, receivedAt, askedBy: item.askedBy, changesTenderDocuments: item.changesTenderDocuments, ...(item.questionKey ? { questionKey: item.questionKey } : {}), ...(item.answer ? { answer: item.answer } : {}) });
      if (!item.answer) continue;
      await this.clarifications.publish(lead, roundId, recorded.id, {});
      if (item.supersede) await this.clarifications.supersede(lead, roundId, recorded.id, item.supersede);
    }
  }

  private async replay(): Promise<string[]> {
    const demoUsers = loadDemoUsers().users;
    const users = await this.db.read((manager) => manager.find(User));
    const byEmail = (email: string) => users.find((u) => u.email === email)!;
    const lead = byEmail(demoUsers.find((u) => u.roles.includes('commissioner'))!.email);
    const panellists = demoUsers.filter((u): u is DemoUser & { group: NonNullable<DemoUser['group']> } => !!u.group);
    const allBids = JSON.parse(readFileSync(join(FIXTURES_DIR, 'demo-bids.json'), 'utf8')) as Record<string, DemoBid[]>;
    const allClarifications = JSON.parse(readFileSync(join(FIXTURES_DIR, 'demo-clarifications.json'), 'utf8')) as Record<string, DemoClarification[]>;
    const realNow = this.clock.now();
    const seeded: string[] = [];
    try {
      // The workshop came before every round, the awarded one included.
      this.clock.set(new Date(realNow.getTime() - 370 * DAY));
      const cites = await this.seedStatements(lead);
      for (const file of readdirSync(join(FIXTURES_DIR, 'rounds')).filter((f) => f.endsWith('.json')).sort()) {
        const raw = JSON.parse(readFileSync(join(FIXTURES_DIR, 'rounds', file), 'utf8'));
        const plan = PLAN[raw.reference];
        if (!plan) continue;
        const open = plan.stage === 'tendering';
        // Rounds past tendering started six weeks ago (the awarded one over a year ago); the open one closes in ten days.
        // A round whose bids come from a file keeps its fixture's dates, which the file's received-at times fit.
        const fixedDeadline = plan.importBidsFrom ? new Date(raw.timetable.tenderDeadline) : null;
        const start = fixedDeadline ? new Date(fixedDeadline.getTime() - 21 * DAY) : new Date(realNow.getTime() - (open ? 5 : plan.stage === 'awarded' ? 360 : 42) * DAY);
        const deadline = fixedDeadline ?? new Date(open ? realNow.getTime() + 10 * DAY : start.getTime() + 21 * DAY);
        this.clock.set(start);
        const clarificationDeadline = new Date(deadline.getTime() - 7 * DAY);
        const definition = plainToInstance(RoundDefinitionDto, { ...raw, timetable: { tenderDeadline: deadline.toISOString(), clarificationDeadline: clarificationDeadline.toISOString() } });
        const round = await this.rounds.create(lead, definition);
        for (const [key, statementIds] of cites.get(raw.reference) ?? []) await this.statements.setCitations(lead, round.id, key, { statementIds });
        for (const member of panellists) {
          await this.panel.addMember(lead, round.id, { userId: byEmail(member.email).id, group: member.group, panelCode: member.panelCode, seesPrice: false });
        }
        const youngPartners = new Map(panellists.filter((m) => m.group === 'youngPartner').map((m) => [m.panelCode, byEmail(m.email)] as [string, User]));
        await seedQuestionReview(this.questionReview, lead, round.id, raw.reference, youngPartners);
        await this.rounds.recordConflictsAssessment(lead, round.id, 'Commissioning officers and all six panel members were asked about interests in likely bidders before publication. No interests were declared; panellists will declare again against the actual bidders once bids are opened.');
        await this.rounds.sendEvent(lead, round.id, 'PUBLISH');

        this.clock.set(new Date(start.getTime() + 3 * DAY));
        const registered: { id: string; supplierName: string }[] = [];
        for (const bid of allBids[raw.reference] ?? []) {
          registered.push(await this.bids.register(lead, round.id, { supplierName: bid.supplierName, price: bid.price, responses: bid.responses }));
        }
        await this.seedClarifications(lead, round.id, allClarifications[raw.reference] ?? []);
        if (plan.importBidsFrom) {
          // The portal's export, imported two hours before the deadline once the last bid is in.
          this.clock.set(new Date(deadline.getTime() - 2 * 3600 * 1000));
          registered.push(...(await this.importBids(lead, round.id, plan.importBidsFrom)));
        }
        if (open) {
          seeded.push(`${raw.reference} (open for tenders)`);
          continue;
        }

        this.clock.set(new Date(deadline.getTime() + 3600 * 1000));
        await this.rounds.sendEvent(lead, round.id, 'TENDER_DEADLINE_PASSED');
        this.clock.set(new Date(deadline.getTime() + 2 * DAY));
        for (const bid of registered) {
          const reason = plan.excluded?.[bid.supplierName];
          await this.bids.decideCompliance(lead, round.id, bid.id, reason ? { decision: 'excluded', reason } : { decision: 'compliant' });
        }
        for (const member of panellists) await this.panel.declare(byEmail(member.email), round.id, {});
        await this.rounds.sendEvent(lead, round.id, 'COMPLETE_COMPLIANCE');
        if (plan.stage === 'scoring') {
          seeded.push(`${raw.reference} (being scored by the demo panel)`);
          continue;
        }

        // Everyone scores and submits; the marks spread around each bid's quality so moderation has work to do.
        this.clock.set(new Date(deadline.getTime() + 6 * DAY));
        let n = 0;
        for (const member of panellists) {
          const user = byEmail(member.email);
          const mine = await this.scoring.myScoring(user, round.id, { perPage: 50 }); // a demo round has a handful of bids
          for (const bid of mine.bids) {
            const quality = plan.quality[registered.findIndex((b) => b.id === bid.bidId)] ?? 2;
            for (const question of bid.questions) {
              const mark = Math.max(0, Math.min(definition.scale.max, Math.round(quality + ((n++ * 7) % 5) / 2 - 1)));
              await this.scoring.saveScore(user, round.id, bid.bidId, question.criterionId, { mark, justification: `${question.key}: ${WHY[mark]}` });
            }
          }
          await this.scoring.submit(user, round.id);
        }
        await this.rounds.sendEvent(lead, round.id, 'CLOSE_SCORING');

        // The panel meets: each group agrees the middle of its marks, with the reason recorded.
        this.clock.set(new Date(deadline.getTime() + 8 * DAY));
        const cells = [];
        for (let page = 1, pages = 1; page <= pages; page++) {
          const view = await this.moderation.view(lead, round.id, { page });
          cells.push(...view.items);
          pages = view.pages;
        }
        for (const cell of cells) {
          const sorted = cell.marks.map((m) => m.mark).sort((a, b) => a - b);
          const agreed = sorted[Math.floor((sorted.length - 1) / 2)];
          const spreadNote = (cell.spread ?? 0) >= 2 ? `Marks ranged from ${sorted[0]} to ${sorted[sorted.length - 1]}; after discussing the answer the group` : 'The group';
          await this.moderation.record(lead, round.id, cell.bidId, cell.criterionId, {
            group: cell.group, mark: agreed, reason: `${spreadNote} agreed ${agreed}: ${WHY[agreed]}`,
          });
        }
        await this.rounds.sendEvent(lead, round.id, 'CLOSE_MODERATION');
        if (plan.stage === 'awarded') {
          this.clock.set(new Date(deadline.getTime() + 10 * DAY));
          const youngPartners = new Map(panellists.filter((m) => m.group === 'youngPartner').map((m) => [m.email, byEmail(m.email)]));
          await this.contract.awardAndTrack(lead, round.id, youngPartners);
          seeded.push(`${raw.reference} (awarded; its contract's KPIs have two quarters of results reviewed by the young partners)`);
          continue;
        }
        if (plan.lotDecisions) {
          this.clock.set(new Date(deadline.getTime() + 10 * DAY));
          await this.decideLots(lead, round.id, plan.lotDecisions);
          seeded.push(`${raw.reference} (three lots, bids imported from fixtures/${plan.importBidsFrom}; scored and moderated, lots L1 and L3 decided, L2 awaiting the award decision)`);
          continue;
        }
        seeded.push(`${raw.reference} (scored and moderated, awaiting the award decision)`);
      }
    } finally {
      this.clock.set(realNow);
    }
    return seeded;
  }

  /** Bids from a file, the way a lead imports them: the whole file checked, then confirmed (one transaction, an audit event per bid). */
  private async importBids(lead: User, roundId: string, file: string): Promise<{ id: string; supplierName: string }[]> {
    const preview = await this.bidImport.check(lead, roundId, file.split('/').pop()!, readFileSync(join(FIXTURES_DIR, file)));
    if (!preview.clean || !preview.uploadId) throw new Error(`The demo's bid file ${file} does not pass the import checks: ${JSON.stringify(preview.problems.slice(0, 3))}`);
    const { bidIds } = await this.bidImport.confirm(lead, roundId, preview.uploadId);
    return preview.bids.map((bid, i) => ({ id: bidIds[i], supplierName: bid.supplierName }));
  }

  private async decideLots(lead: User, roundId: string, decisions: NonNullable<DemoPlan['lotDecisions']>): Promise<void> {
    const results = await this.results.results(lead, roundId);
    for (const [lotKey, decision] of Object.entries(decisions)) {
      const ranked = results.lots?.find((l) => l.lot.key === lotKey)?.bids.find((b) => b.rank === 1);
      await this.award.decideLot(lead, roundId, lotKey, decision === 'topRanked' ? { bidId: ranked!.id } : decision);
    }
  }

  /** A workshop's i-Statements (fixtures/demo-statements.json); returns, per round reference, the statements each question cites. */
  private async seedStatements(lead: User): Promise<Map<string, Map<string, string[]>>> {
    const demo = JSON.parse(readFileSync(join(FIXTURES_DIR, 'demo-statements.json'), 'utf8')) as DemoStatements;
    const rows: NewStatement[] = demo.statements.map(({ text, themes, consent }) => ({ text, themes, consent, groupCode: demo.groupCode }));
    const imported = await this.statements.importWorkshop(lead, demo.workshop, rows, 'demo');
    const cites = new Map<string, Map<string, string[]>>();
    demo.statements.forEach((statement, i) => {
      for (const [reference, keys] of Object.entries(statement.cites)) {
        const byKey = cites.get(reference) ?? new Map<string, string[]>();
        for (const key of keys) byKey.set(key, [...(byKey.get(key) ?? []), imported.statements[i].id]);
        cites.set(reference, byKey);
      }
    });
    return cites;
  }
}

interface DemoStatements {
  workshop: { title: string; heldOn: string; ranBy: string; participants: number };
  groupCode: string;
  statements: { text: string; themes: string[]; consent: boolean; cites: Record<string, string[]> }[];
}
