import { Injectable } from '@nestjs/common';
import { AwardService } from '../award/award.service.js';
import { ResultsService } from '../award/results.service.js';
import { SummariesService } from '../award/summaries.service.js';
import { Clock } from '../common/clock.js';
import { RoundsService } from '../rounds/rounds.service.js';
import { StatementsService } from '../statements/statements.service.js';
import type { User } from '../users/user.entity.js';
import { ContractsService } from './contracts.service.js';
import type { DefineKpiDto, ReviewPeriodDto } from './kpi.dto.js';

const DAY = 24 * 3600 * 1000;

/** The demo contract's KPIs, each from the workshop statement it answers (matched by its opening words). */
const KPIS: (Omit<DefineKpiDto, 'statementIds'> & { from: string; values: [string, string]; commentary: [string, string] })[] = [
  {
    name: 'Mentors with lived experience', from: 'I want to talk to someone who has been through',
    measure: 'Share of active mentors who have lived experience of the youth justice or care system, from the provider\'s mentor register',
    unit: '%', target: '50', direction: 'atLeast', frequency: 'quarterly',
    values: ['38', '54'], commentary: ['Four new mentors are still in training; two of them are former service users.', 'Six peer mentors joined after the autumn training course.'],
  },
  {
    name: 'Call-backs made when promised', from: 'If they promise to call back',
    measure: 'Share of promised call-backs made on the day promised, from the case management system',
    unit: '%', target: '95', direction: 'atLeast', frequency: 'quarterly',
    values: ['88', '96.5'], commentary: ['Two mentors were off sick in the same month and cover was slow.', 'A shared call-back list now shows every promise made that day.'],
  },
];

/** What the demo young partners said about each period, by KPI and period. */
const REVIEWS: Record<string, [ReviewPeriodDto, ReviewPeriodDto][]> = {
  'yp1@demo.test': [
    [{ rating: 'notYet', comment: 'Less than half is not what we asked for. Good that more are training.' }, { rating: 'yes', comment: 'This is what we meant. Keep it up.' }],
    [{ rating: 'partly', comment: 'Nearly there, but a missed call really matters to us.' }, { rating: 'yes', comment: 'The list is a good idea.' }],
  ],
  'yp2@demo.test': [
    [{ rating: 'partly', comment: 'Going the right way, but slow.' }, { rating: 'yes', comment: 'Much better. Ask the young people if it feels different.' }],
    [{ rating: 'notYet', comment: 'If nobody calls back you stop trusting them.' }, { rating: 'partly', comment: 'Better, but check the weekends too.' }],
  ],
};

/**
 * Takes a moderated demo round to the end: the preferred bidder, the assessment summaries sent, the
 * award notice, the standstill passed; then the contract's KPIs from the workshop statements, two
 * reporting periods each, and the young partners' reviews. All through the services, on the demo's clock.
 */
@Injectable()
export class DemoContract {
  constructor(
    private readonly clock: Clock,
    private readonly rounds: RoundsService,
    private readonly results: ResultsService,
    private readonly award: AwardService,
    private readonly summaries: SummariesService,
    private readonly statements: StatementsService,
    private readonly contracts: ContractsService,
  ) {}

  async awardAndTrack(lead: User, roundId: string, youngPartners: Map<string, User>): Promise<void> {
    const results = await this.results.results(lead, roundId);
    await this.award.decide(lead, roundId, results.bids[0].id);
    const overview = await this.summaries.overview(lead, roundId);
    for (const weak of overview.weakReasons.filter((w) => w.note === null)) {
      await this.summaries.recordReasonNote(lead, roundId, { bidId: weak.bidId, criterionId: weak.criterionId, group: weak.group, note: 'The panel agreed this reason with the answer in front of them; it stands as recorded.' });
    }
    for (const summary of overview.summaries) await this.summaries.markSent(lead, roundId, summary.bidId);
    const notice = await this.rounds.sendEvent(lead, roundId, 'ISSUE_AWARD_NOTICE');
    const awardedAt = new Date(new Date(notice.round.timetable.standstillEndsAt!).getTime() + 3600 * 1000);
    this.clock.set(awardedAt);
    await this.rounds.sendEvent(lead, roundId, 'STANDSTILL_ELAPSED');

    const library = await this.statements.list(lead, {});
    this.clock.set(new Date(awardedAt.getTime() + 2 * DAY));
    let contract = null;
    for (const { from, values: _values, commentary: _commentary, ...kpi } of KPIS) {
      contract = await this.contracts.defineKpi(lead, roundId, { ...kpi, statementIds: library.filter((s) => s.text.startsWith(from)).map((s) => s.id) });
    }
    // Two quarters, starting with the first full quarter after the award.
    const first = new Date(Date.UTC(awardedAt.getUTCFullYear(), Math.floor(awardedAt.getUTCMonth() / 3) * 3 + 3, 1));
    for (const quarter of [0, 1]) {
      const start = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 3 * quarter, 1));
      this.clock.set(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 20)));
      for (const [i, kpi] of KPIS.entries()) {
        contract = await this.contracts.recordPeriod(lead, roundId, contract!.kpis[i].id, {
          periodStart: start.toISOString().slice(0, 10), value: kpi.values[quarter], commentary: kpi.commentary[quarter],
          evidenceReference: `Quarterly contract report, ${start.toISOString().slice(0, 7)}, section ${i + 2}`,
        });
      }
      this.clock.set(new Date(this.clock.now().getTime() + 5 * DAY));
      for (const [email, reviews] of Object.entries(REVIEWS)) {
        const youngPartner = youngPartners.get(email);
        if (!youngPartner) continue;
        for (const [i, kpi] of contract!.kpis.entries()) await this.contracts.review(youngPartner, roundId, kpi.periods[quarter].id, reviews[i][quarter]);
      }
    }
  }
}
