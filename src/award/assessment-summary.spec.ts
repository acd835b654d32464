import { CALENDARS } from '../../workflows/index.js';
import type { SectionNode } from '../criteria/criteria-tree.js';
import { calculateResults } from '../results/index.js';
import { buildAssessmentSummary, reasonKey } from './assessment-summary.js';

// One quality question worth the whole total, scored by professionals out of 4: the total is mark / 4 x 100.
const TREE: SectionNode[] = [{
  id: 's1', key: 'S1', title: 'Quality', weight: '100',
  questions: [{ id: 'q1', key: 'Q1', title: 'Approach', text: 'Describe your approach.', plainLanguage: null, guidance: null, type: 'quality', weight: '100', threshold: null, scoredBy: ['professional'], groupWeights: { professional: '100' } }],
}];

function summaryOf(marks: Record<string, string>, bidId: string, rule: 'highestQualityScore' | 'lowestPrice' = 'highestQualityScore') {
  const results = calculateResults({
    scaleMax: 4,
    sections: TREE,
    bids: [{ id: 'a', supplierName: 'Alder', price: '100', compliant: true }, { id: 'b', supplierName: 'Birch', price: '90', compliant: true }],
    marks: Object.entries(marks).map(([id, mark]) => ({ bidId: id, criterionId: 'q1', group: 'professional' as const, mark })),
    tieBreak: { rule },
  });
  return buildAssessmentSummary({
    round: { reference: 'R-1', title: 'A round', route: 'pa23-open', tieBreak: { rule, description: 'The lower price wins a tie.' } },
    results, tree: TREE, bidId, preferredBidId: results.bids[0].id, exclusionReason: null,
    reasons: new Map([[reasonKey(bidId, 'q1', 'professional'), 'The bid names two mentors per young person.']]),
    standstill: { calendar: CALENDARS.uk, workingDays: 8, startsDayAfter: false, awardNoticeAt: null, endsAt: null, endsIfNoticeNow: '2026-12-10T00:00:00Z' },
    generatedAt: '2026-11-27T10:00:00Z',
  });
}

describe('an assessment summary', () => {
  it('says when totals that both show as 72.36 are not equal, with both exact totals', () => {
    // 2.8945 / 4 x 100 = 72.3625; 2.89428 / 4 x 100 = 72.357
    const birch = summaryOf({ a: '2.8945', b: '2.89428' }, 'b');
    expect([birch.total, birch.winner!.total]).toEqual(['72.36', '72.36']);
    expect(birch.whyNotSuccessful[0]).toBe("Both totals show as 72.36 to two places, but they are not equal: the preferred bidder's is 72.3625, yours 72.357");
    expect(birch.tieBreak).toBeNull();
  });

  it('says the published tie-break decided an exact tie, and how', () => {
    const alder = summaryOf({ a: '3', b: '3' }, 'a', 'lowestPrice');
    expect(alder.outcome).toBe('unsuccessful');
    expect(alder.whyNotSuccessful[0]).toBe("Your total equals the preferred bidder's (75): the published tie-break decided");
    expect(alder.tieBreak).toEqual({
      rule: 'lowestPrice', published: 'The lower price wins a tie.', outcome: 'tieBreakApplied',
      explanation: 'Same total (75.00) as Birch; published tie-break, lowest price: Alder 100, Birch 90. The tie-break places Alder at rank 2.',
    });
  });

  it('gives the weighting and scores as published, the reasons, and the standstill with its calendar', () => {
    const birch = summaryOf({ a: '3', b: '2' }, 'b');
    expect(birch.criteria).toEqual([{
      key: 'Q1', title: 'Approach', section: { key: 'S1', title: 'Quality', weighting: '100' }, publishedWeighting: '100', weighting: '100',
      availableMarks: 4, score: '2.00', weightedScore: '50.00', reasons: ['Professional panel: The bid names two mentors per young person.'],
      winnerScore: '3.00', winnerWeightedScore: '75.00',
    }]);
    expect(birch.standstill).toMatchObject({ workingDays: 8, endsIfNoticeOnGeneratedDay: '2026-12-10T00:00:00Z', rule: expect.stringContaining('beginning with the day the award notice is published, counted in UK working days') });
  });
});
