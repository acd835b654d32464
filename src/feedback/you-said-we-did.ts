import { EntityManager } from 'typeorm';
import type { RoundViewer } from '../round-core/round-viewer.js';
import { loadLotResults, type LotResults } from '../award/results.service.js';
import { loadContract } from '../contracts/contract.js';
import { questionsOf, loadCriteriaTree } from '../criteria/criteria-tree.js';
import { Exact, HUNDRED, quotient } from '../results/exact.js';
import { toDisplay } from '../results/index.js';
import { effectiveWeight } from '../results/weights.js';
import { anyLotAwarded, decisionFor, type LotPart } from '../round-core/lots.js';
import { AWARD_ANNOUNCED } from '../round-core/round-stages.js';
import type { Round } from '../round-core/round.entity.js';
import { citationsByQuestion } from '../statements/citations.js';
import type { FeedbackQuestionDto, OutcomeDto, SaidStatementDto, YouSaidWeDidDto } from './you-said-we-did.dto.js';
import { withoutYoungPartners } from './without-young-partners.js';

const ANOTHER = 'Another organisation';

/**
 * "You said, we did" for one round: what young people said, the questions that came from it, how the
 * young partners' marks shaped the result (once the award is announced), and the KPIs that now track
 * their statements. Everything is read through the same rules as elsewhere: consent (citations), the
 * results calculation (loadResults, withoutYoungPartners), what the caller may see of each bid.
 */
export async function youSaidWeDid(manager: EntityManager, round: Round, viewer: RoundViewer): Promise<YouSaidWeDidDto> {
  const shareableOnly = !viewer.seesUnconsentedStatements;
  const tree = await loadCriteriaTree(manager, round.id);
  const citations = await citationsByQuestion(manager, round.id, { shareableOnly });
  const contract = await loadContract(manager, round, viewer);

  const questions: FeedbackQuestionDto[] = tree.flatMap((section) => section.questions.map((q) => {
    const points = effectiveWeight(new Exact(section.weight), new Exact(q.weight));
    const yp = q.type === 'quality' && q.scoredBy.includes('youngPartner') ? quotient(points.times(q.groupWeights.youngPartner ?? '0'), HUNDRED) : new Exact(0);
    return {
      key: q.key, title: q.plainLanguage ?? q.title,
      markedBy: q.type === 'price' ? 'price' : q.scoredBy.length === 1 && q.scoredBy[0] === 'youngPartner' ? 'youngPartners' : q.scoredBy.includes('youngPartner') ? 'both' : 'professionals',
      points: points.toString(), youngPartnerPoints: yp.toString(),
      statements: (citations.get(q.key) ?? []).map((s) => ({ id: s.id, text: s.text })),
    };
  })).filter((q) => q.points !== '0' || q.statements.length > 0);

  const said = new Map<string, SaidStatementDto>();
  const statement = (s: { id: string; text: string; groupCode: string; workshop: string | null }) => {
    if (!said.has(s.id)) said.set(s.id, { id: s.id, text: s.text, groupCode: s.groupCode, workshop: s.workshop, questions: [], kpis: [] });
    return said.get(s.id)!;
  };
  for (const q of questionsOf(tree)) for (const s of citations.get(q.key) ?? []) statement(s).questions.push({ key: q.key, title: q.plainLanguage ?? q.title });
  for (const k of contract.kpis) for (const s of k.statements) statement(s).kpis.push({ id: k.id, name: k.name });

  return {
    title: round.title,
    reference: round.reference,
    said: [...said.values()],
    questions,
    outcomes: AWARD_ANNOUNCED.has(round.state) && anyLotAwarded(round) ? await outcomes(manager, round, viewer) : [],
    providers: contract.providers,
    kpis: contract.kpis.map((k) => ({
      id: k.id, name: k.name, target: k.target, unit: k.unit, direction: k.direction,
      statements: k.statements.map((s) => ({ id: s.id, text: s.text })),
      // Each awarded lot is its own contract: its latest period (periods are oldest first).
      byLot: contract.providers.map((p) => {
        const latest = k.periods.filter((period) => period.lotKey === p.lotKey).at(-1);
        return {
          lot: p.lotTitle === null ? null : { key: p.lotKey, title: p.lotTitle },
          latest: latest ? { periodStart: latest.periodStart, periodEnd: latest.periodEnd, value: latest.value, met: latest.met, reviews: latest.reviews.length } : null,
        };
      }),
    })),
  };
}

/** What a young partner reads for a lot decided as no award: a fixed sentence (the lead's reason is written for the record). */
export const NO_AWARD_SUMMARY = 'No organisation got this part of the work. So there is no result to show for it here.';

/**
 * One outcome per lot (a round without lots has one), in published order: each lot is ranked and
 * awarded on its own bids (loadLotResults), so each is recalculated without the young partners on its
 * own input. A lot decided as no award says so plainly.
 */
async function outcomes(manager: EntityManager, round: Round, viewer: RoundViewer): Promise<OutcomeDto[]> {
  const lots = await loadLotResults(manager, round);
  return lots.flatMap((lot) => {
    const decision = decisionFor(round, lot.part.key);
    if (!decision) return [];
    if (!decision.bidId) return [{ lot: lotRef(lot.part), awarded: false, organisations: [], without: null, summary: NO_AWARD_SUMMARY }];
    return [outcome(lot, decision.bidId, viewer)];
  });
}

const lotRef = (part: LotPart) => (part.lot ? { key: part.lot.key, title: part.lot.title } : null);

/** Each organisation's total and the young partners' part of it, and the award recalculated without them (one lot). */
function outcome({ part, results, input }: LotResults, awardedId: string, viewer: RoundViewer): OutcomeDto {
  const without = withoutYoungPartners(input);
  const lot = lotRef(part);
  const evaluated = results.bids.filter((b) => b.status !== 'excluded');
  const name = (bid: { id: string; supplierName: string; compliant: boolean }) =>
    viewer.seesBid({ id: bid.id, compliance: bid.compliant ? 'compliant' : 'excluded' }) ? bid.supplierName : ANOTHER;
  const withoutById = new Map(without?.results.bids.map((b) => [b.id, b]) ?? []);
  const organisations = evaluated.map((b) => ({
    name: name(b),
    awarded: b.id === awardedId,
    rank: b.rank,
    total: b.total,
    youngPartners: b.contributions.youngPartner,
    professionals: b.contributions.professional,
    price: b.contributions.price,
    youngPartnerShare: new Exact(b.total).isZero() ? '0.0' : toDisplay(quotient(new Exact(b.contributions.youngPartner).times(HUNDRED), b.total), 1),
    totalWithout: withoutById.get(b.id)?.total ?? null,
    rankWithout: withoutById.get(b.id)?.rank ?? null,
  }));
  const awarded = evaluated.find((b) => b.id === awardedId);
  const awardedName = awarded ? name(awarded) : ANOTHER;
  if (!without) {
    return { lot, awarded: true, organisations, without: null, summary: `Young partners marked every question that carried points, so without you there would have been nothing to decide on. ${awardedName} got this piece of work.` };
  }
  const firstIds = without.results.bids.filter((b) => b.rank === 1).map((b) => b.id);
  const first = firstIds.map((id) => name(without.results.bids.find((b) => b.id === id)!));
  const awardWouldChange = !(firstIds.length === 1 && firstIds[0] === awardedId);
  const yourPoints = awarded ? toDisplay(awarded.contributions.youngPartner) : '0.00';
  const summary = !awardWouldChange
    ? `Without your questions and your marks, ${awardedName} would still have come first. Your marks gave ${awardedName} ${yourPoints} of its ${toDisplay(awarded?.total ?? '0')} points.`
    : firstIds.length === 0
      ? `Without your questions and your marks, no organisation would have been good enough. Your voice decided who got this piece of work: ${awardedName}.`
      : `Without your questions and your marks, ${first.join(' and ')} would have come first${firstIds.length > 1 ? ' together' : ''}, not ${awardedName}. Your voice changed who got this piece of work.`;
  return { lot, awarded: true, organisations, without: { outOf: without.outOf, first, awardWouldChange }, summary };
}
