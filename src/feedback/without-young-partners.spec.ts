import { calculateResults } from '../results/calculate-results.js';
import type { ResultsInput } from '../results/model.js';
import { outOfHundred, withoutYoungPartners } from './without-young-partners.js';

// The test round's method (test/support/rounds.ts): Quality 60 (Q1 both groups 50/50, minimum 2;
// Q2 young partners only), Social value 10 (SV1 professionals), Price 30; marks 0 to 4.
const input = (marks: Record<string, [number, number, number, number]>, prices: Record<string, string>): ResultsInput => ({
  scaleMax: 4,
  tieBreak: { rule: 'highestQualityScore' },
  sections: [
    { id: 's1', key: 'S1', title: 'Quality', weight: '60', questions: [
      { id: 'q1', key: 'Q1', title: 'Approach', type: 'quality', weight: '50', threshold: 2, scoredBy: ['professional', 'youngPartner'], groupWeights: { professional: '50', youngPartner: '50' } },
      { id: 'q2', key: 'Q2', title: 'Feeling safe', type: 'quality', weight: '50', threshold: null, scoredBy: ['youngPartner'], groupWeights: { youngPartner: '100' } },
    ] },
    { id: 's2', key: 'S2', title: 'Social value', weight: '10', questions: [{ id: 'sv1', key: 'SV1', title: 'Local jobs', type: 'quality', weight: '100', threshold: null, scoredBy: ['professional'], groupWeights: { professional: '100' } }] },
    { id: 's3', key: 'S3', title: 'Price', weight: '30', questions: [{ id: 'price', key: 'PRICE', title: 'Price', type: 'price', weight: '100', threshold: null, scoredBy: [], groupWeights: {} }] },
  ],
  bids: Object.entries(prices).map(([id, price]) => ({ id, supplierName: id, price, compliant: true })),
  // [Q1 professional, Q1 young partner, Q2 young partner, SV1 professional]
  marks: Object.entries(marks).flatMap(([bidId, [q1p, q1y, q2y, sv1]]) => [
    { bidId, criterionId: 'q1', group: 'professional' as const, mark: String(q1p) },
    { bidId, criterionId: 'q1', group: 'youngPartner' as const, mark: String(q1y) },
    { bidId, criterionId: 'q2', group: 'youngPartner' as const, mark: String(q2y) },
    { bidId, criterionId: 'sv1', group: 'professional' as const, mark: String(sv1) },
  ]),
});

describe('the award without the young partners', () => {
  it('leaves out their questions and their share of shared questions (hand-computed)', () => {
    const round = input({ Alpha: [3, 2, 4, 2], Beta: [4, 3, 1, 4] }, { Alpha: '100', Beta: '125' });
    // Published: Q1 30 points (each group half), Q2 30, SV1 10, price 30.
    // Alpha: Q1 3/4x15 + 2/4x15 = 11.25 + 7.5; Q2 4/4x30 = 30; SV1 2/4x10 = 5; price 100/100x30 = 30 -> 83.75 (young partners 37.5)
    // Beta:  Q1 4/4x15 + 3/4x15 = 15 + 11.25;  Q2 1/4x30 = 7.5; SV1 4/4x10 = 10; price 100/125x30 = 24 -> 67.75 (young partners 18.75)
    const base = calculateResults(round);
    expect(base.bids.map((b) => [b.id, b.total, b.contributions.youngPartner, b.rank])).toEqual([['Alpha', '83.75', '37.5', 1], ['Beta', '67.75', '18.75', 2]]);

    // Without them: Q1 is the professionals' mark alone (30 points), Q2 gone; 70 points left.
    // Alpha: 3/4x30 + 5 + 30 = 57.5; Beta: 4/4x30 + 10 + 24 = 64: Beta would have come first.
    const without = withoutYoungPartners(round)!;
    expect(without.outOf).toBe('70');
    expect(without.results.bids.map((b) => [b.id, b.total, b.contributions.youngPartner, b.rank])).toEqual([['Beta', '64', '0', 1], ['Alpha', '57.5', '0', 2]]);
    // Out of 100: 64/70 = 91.428571...; 57.5/70 = 82.142857...
    expect(outOfHundred('64', '70').toFixed(4)).toBe('91.4286');
    expect(outOfHundred('57.5', '70').toFixed(4)).toBe('82.1429');
  });

  it('applies a shared question\'s minimum to the professionals\' mark alone', () => {
    // Alpha's Q1: professionals 1, young partners 4 -> blended 2.5, above the minimum of 2; alone, 1 is below it.
    const round = input({ Alpha: [1, 4, 4, 4], Beta: [2, 2, 2, 2] }, { Alpha: '100', Beta: '100' });
    expect(calculateResults(round).bids.find((b) => b.id === 'Alpha')!.eligible).toBe(true);
    const alpha = withoutYoungPartners(round)!.results.bids.find((b) => b.id === 'Alpha')!;
    expect(alpha.eligible).toBe(false);
    expect(alpha.reason).toContain('Q1');
  });

  it('has nothing to compare when young partners scored everything that carried weight', () => {
    const round = input({ Alpha: [0, 0, 4, 0] }, { Alpha: '100' });
    const onlyTheirs: ResultsInput = { ...round, sections: [{ ...round.sections[0], weight: '100', questions: [{ ...round.sections[0].questions[1], weight: '100' }] }], marks: round.marks.filter((m) => m.criterionId === 'q2') };
    expect(withoutYoungPartners(onlyTheirs)).toBeNull();
  });
});
