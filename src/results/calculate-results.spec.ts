import { calculateResults, ResultsInputError } from './calculate-results.js';
import { toDisplay } from './exact.js';
import type { BidInput, BidResult, GroupMarkInput, PanelGroup, QuestionInput, ResultsInput, RoundResults, TieBreakRule } from './model.js';

// Builders: ids differ from keys so the tests notice if one is used for the other.
const question = (key: string, title: string, type: QuestionInput['type'], weight: string, extra: Partial<QuestionInput> = {}): QuestionInput =>
  ({ id: `crit-${key}`, key, title, type, weight, threshold: null, scoredBy: [], groupWeights: {}, ...extra });
const bid = (id: string, supplierName: string, price: string | null, compliant = true): BidInput => ({ id, supplierName, price, compliant });
const marksFor = (bidId: string, byQuestion: Record<string, Partial<Record<PanelGroup, string>>>): GroupMarkInput[] =>
  Object.entries(byQuestion).flatMap(([key, groups]) =>
    Object.entries(groups).map(([group, mark]) => ({ bidId, criterionId: `crit-${key}`, group: group as PanelGroup, mark: mark! })));
/** The input as tests edit it (the calculation itself only reads it). */
type EditableRound = Omit<ResultsInput, 'bids' | 'marks'> & { bids: BidInput[]; marks: GroupMarkInput[] };
const find = (results: RoundResults, id: string): BidResult => results.bids.find((b) => b.id === id)!;
const line = (result: BidResult, key: string) => result.lines.find((l) => l.key === key)!;

/**
 * Quality 60 (Q1 both groups 50/50 with a minimum of 2, Q2 owned by young partners), Social value 10
 * (Q3, professionals), Price 30 (Q4). Scale 0-5. Effective weights: Q1 30, Q2 30, Q3 10, Q4 30.
 */
function exampleRound(extraBids: BidInput[] = [], extraMarks: GroupMarkInput[] = []): EditableRound {
  return {
    scaleMax: 5,
    sections: [
      { id: 'sec-quality', key: 'S1', title: 'Quality', weight: '60', questions: [
        question('Q1', 'Service model', 'quality', '50', { threshold: 2, scoredBy: ['professional', 'youngPartner'], groupWeights: { professional: '50', youngPartner: '50' } }),
        question('Q2', 'Feeling safe and listened to', 'quality', '50', { scoredBy: ['youngPartner'], groupWeights: { youngPartner: '100' } }),
      ] },
      { id: 'sec-social', key: 'S2', title: 'Social value', weight: '10', questions: [
        question('Q3', 'Local employment', 'quality', '100', { scoredBy: ['professional'], groupWeights: { professional: '100' } }),
      ] },
      { id: 'sec-price', key: 'S3', title: 'Price', weight: '30', questions: [question('Q4', 'Price', 'price', '100')] },
    ],
    bids: [bid('b-alder', 'Alder Care', '100000'), bid('b-birch', 'Birch Health', '80000'), bid('b-cedar', 'Cedar Support', '125000'), ...extraBids],
    marks: [
      ...marksFor('b-alder', { Q1: { professional: '4', youngPartner: '3' }, Q2: { youngPartner: '5' }, Q3: { professional: '3' } }),
      ...marksFor('b-birch', { Q1: { professional: '3', youngPartner: '2' }, Q2: { youngPartner: '2' }, Q3: { professional: '4' } }),
      // Cedar's marks are provisional means (exact decimals), not consensus integers.
      ...marksFor('b-cedar', { Q1: { professional: '5', youngPartner: '4.5' }, Q2: { youngPartner: '3.5' }, Q3: { professional: '2.5' } }),
      ...extraMarks,
    ],
    tieBreak: { rule: 'highestQualityScore' },
  };
}

describe('calculateResults: unequal group weights (70/30)', () => {
  it('blends and credits each group by its published weight', () => {
    const round = exampleRound();
    const [quality, ...others] = round.sections;
    const [q1, ...rest] = quality.questions;
    round.sections = [{ ...quality, questions: [{ ...q1, groupWeights: { professional: '70', youngPartner: '30' } }, ...rest] }, ...others];
    const alder = find(calculateResults(round), 'b-alder');
    // Q1: 70% x 4 + 30% x 3 = 3.7 -> 3.7/5 x 30 = 22.2 (professional 0.7 x 4/5 x 30 = 16.8, young partner 0.3 x 3/5 x 30 = 5.4)
    expect(line(alder, 'Q1')).toMatchObject({ mark: '3.7', weightedScore: '22.2', contributions: { professional: '16.8', youngPartner: '5.4', price: '0' } });
    // 22.2 + 30 (Q2) + 6 (Q3) + 24 (price) = 82.2
    expect(alder).toMatchObject({ total: '82.2', contributions: { professional: '22.8', youngPartner: '35.4', price: '24' } });
  });
});

describe('calculateResults: a hand-computed round', () => {
  const results = calculateResults(exampleRound());

  it('weights, blends and totals each bid to the exact decimal', () => {
    const alder = find(results, 'b-alder');
    // Q1: (50% x 4 + 50% x 3) = 3.5 -> 3.5/5 x 30 = 21 (professional 12, young partner 9)
    expect(line(alder, 'Q1')).toMatchObject({
      criterionId: 'crit-Q1', sectionKey: 'S1', effectiveWeight: '30', groupMarks: { professional: '4', youngPartner: '3' },
      mark: '3.5', weightedScore: '21', contributions: { professional: '12', youngPartner: '9', price: '0' }, status: 'scored',
    });
    expect(line(alder, 'Q2')).toMatchObject({ mark: '5', weightedScore: '30', contributions: { professional: '0', youngPartner: '30', price: '0' } });
    expect(line(alder, 'Q3')).toMatchObject({ effectiveWeight: '10', mark: '3', weightedScore: '6' });
    // Price: 80000 / 100000 x 5 = 4 -> 4/5 x 30 = 24
    expect(line(alder, 'Q4')).toMatchObject({ mark: '4', weightedScore: '24', contributions: { professional: '0', youngPartner: '0', price: '24' } });
    expect(alder).toMatchObject({ total: '81', qualityScore: '57', contributions: { professional: '18', youngPartner: '39', price: '24' } });
    expect(alder.sectionTotals.map((s) => [s.key, s.total])).toEqual([['S1', '51'], ['S2', '6'], ['S3', '24']]);
    expect(alder.sectionTotals[0].contributions).toEqual({ professional: '12', youngPartner: '39', price: '0' });

    expect(find(results, 'b-birch')).toMatchObject({ total: '65', contributions: { professional: '17', youngPartner: '18', price: '30' } });
    // Cedar: Q1 4.75 -> 28.5 (15 + 13.5); Q2 3.5 -> 21; Q3 2.5 -> 5; price 80000/125000 x 5 = 3.2 -> 19.2
    const cedar = find(results, 'b-cedar');
    expect(line(cedar, 'Q1')).toMatchObject({ mark: '4.75', weightedScore: '28.5', contributions: { professional: '15', youngPartner: '13.5', price: '0' } });
    expect(line(cedar, 'Q4')).toMatchObject({ mark: '3.2', weightedScore: '19.2' });
    expect(cedar).toMatchObject({ total: '73.7', contributions: { professional: '20', youngPartner: '34.5', price: '19.2' } });
  });

  it('ranks by total, highest first, and lists the bids in rank order', () => {
    expect(results.bids.map((b) => [b.supplierName, b.rank, b.eligible, b.tie])).toEqual([
      ['Alder Care', 1, true, false], ['Cedar Support', 2, true, false], ['Birch Health', 3, true, false],
    ]);
    expect(results.bids.every((b) => b.tieBreak === null && b.complete && b.reason === null)).toBe(true);
    expect(results).toMatchObject({ complete: true, weightProblems: [], lowestCompliantPrice: '80000', tieBreakRule: 'highestQualityScore' });
  });

  it('lists lines in section then question key order with their published weights', () => {
    expect(find(results, 'b-alder').lines.map((l) => `${l.sectionKey}/${l.key}/${l.effectiveWeight}`)).toEqual(['S1/Q1/30', 'S1/Q2/30', 'S2/Q3/10', 'S3/Q4/30']);
  });
});

describe('calculateResults: price', () => {
  it('takes the lowest price from compliant bids only and lists an excluded bid without ranking it', () => {
    const results = calculateResults(exampleRound([bid('b-cheap', 'Cheapo Ltd', '50000', false)], marksFor('b-cheap', { Q2: { youngPartner: '5' } })));
    expect(results.lowestCompliantPrice).toBe('80000');
    expect(line(find(results, 'b-birch'), 'Q4')).toMatchObject({ mark: '5', weightedScore: '30' });
    expect(find(results, 'b-cheap')).toMatchObject({
      status: 'excluded', eligible: false, rank: null, reason: 'excluded at compliance', total: '0', tie: false, complete: true,
    });
    expect(find(results, 'b-cheap').lines.every((l) => l.status === 'notEvaluated' && l.mark === null)).toBe(true);
    expect(results.bids.map((b) => b.rank)).toEqual([1, 2, 3, null]);
  });

  it('keeps a recurring price mark to 40 significant digits but a terminating weighted score exact', () => {
    const round: ResultsInput = {
      scaleMax: 5,
      sections: [{ id: 's', key: 'S1', title: 'Price', weight: '100', questions: [question('P1', 'Price', 'price', '100')] }],
      bids: [bid('low', 'Low', '100'), bid('high', 'High', '300')],
      marks: [],
      tieBreak: { rule: 'lowestPrice' },
    };
    const high = find(calculateResults(round), 'high');
    // 100 / 300 x 5 = 1.666...; 100 / 300 x 100 = 33.333...
    expect(line(high, 'P1').mark).toBe('1.666666666666666666666666666666666666667');
    expect(high.total).toBe('33.33333333333333333333333333333333333333');
    expect(toDisplay(high.total)).toBe('33.33');
  });

  it('marks a bid without a price incomplete, counts its price as 0 and still ranks it (provisional)', () => {
    const round = exampleRound();
    round.bids = round.bids.map((b) => (b.id === 'b-alder' ? { ...b, price: null } : b));
    const alder = find(calculateResults(round), 'b-alder');
    expect(line(alder, 'Q4')).toMatchObject({ status: 'incomplete', missing: ['no price'], mark: null, weightedScore: '0' });
    expect(alder).toMatchObject({ complete: false, incomplete: ['Q4 Price: no price'], total: '57', eligible: true, rank: 3 });
  });
});

describe('calculateResults: weights that do not divide evenly', () => {
  // Quality 70 split 33.3 / 33.3 / 33.4 (effective 23.31, 23.31, 23.38), Price 30; scale 0-4.
  const round: ResultsInput = {
    scaleMax: 4,
    sections: [
      { id: 'q', key: 'S1', title: 'Quality', weight: '70', questions: ['33.3', '33.3', '33.4'].map((w, i) =>
        question(`Q${i + 1}`, `Question ${i + 1}`, 'quality', w, { scoredBy: ['professional'], groupWeights: { professional: '100' } })) },
      { id: 'p', key: 'S2', title: 'Price', weight: '30', questions: [question('Q4', 'Price', 'price', '100')] },
    ],
    bids: [bid('top', 'Top marks', '1000'), bid('mid', 'Middling', '2000')],
    marks: [
      ...marksFor('top', { Q1: { professional: '4' }, Q2: { professional: '4' }, Q3: { professional: '4' } }),
      ...marksFor('mid', { Q1: { professional: '3' }, Q2: { professional: '2' }, Q3: { professional: '1' } }),
    ],
    tieBreak: { rule: 'highestQualityScore' },
  };
  const results = calculateResults(round);

  it('gives full marks exactly 100', () => {
    expect(find(results, 'top').lines.map((l) => l.effectiveWeight)).toEqual(['23.31', '23.31', '23.38', '30']);
    expect(find(results, 'top').total).toBe('100');
  });

  it('keeps every digit and rounds half up only for display', () => {
    // 3/4 x 23.31 + 2/4 x 23.31 + 1/4 x 23.38 + 1/2 x 30 = 17.4825 + 11.655 + 5.845 + 15
    const mid = find(results, 'mid');
    expect(mid.lines.map((l) => l.weightedScore)).toEqual(['17.4825', '11.655', '5.845', '15']);
    expect(mid.total).toBe('49.9825');
    expect(toDisplay(mid.total)).toBe('49.98');
    expect(toDisplay(mid.total, 3)).toBe('49.983');
  });
});

describe('calculateResults: thresholds', () => {
  it('disqualifies a bid below a minimum, names the question, and ranks the rest without it', () => {
    const results = calculateResults(exampleRound(
      [bid('b-dog', 'Dogwood Trust', '90000')],
      marksFor('b-dog', { Q1: { professional: '2', youngPartner: '1' }, Q2: { youngPartner: '5' }, Q3: { professional: '5' } }),
    ));
    const dogwood = find(results, 'b-dog');
    expect(dogwood).toMatchObject({ status: 'disqualified', eligible: false, rank: null, reason: 'disqualified: below the minimum mark on Q1 Service model' });
    expect(dogwood.thresholdFailures).toEqual([
      { criterionId: 'crit-Q1', key: 'Q1', title: 'Service model', mark: '1.5', threshold: 2, message: 'Q1 Service model: 1.5 is below the minimum of 2' },
    ]);
    // Still evaluated, so the assessment summary can show the scores: 9 + 30 + 10 + 80000/90000 x 30
    expect(dogwood.total).toBe('75.66666666666666666666666666666666666667');
    expect(results.bids.map((b) => [b.id, b.rank])).toEqual([['b-alder', 1], ['b-cedar', 2], ['b-birch', 3], ['b-dog', null]]);
  });

  it('does not disqualify a bid exactly at the minimum', () => {
    const round = exampleRound();
    round.marks = round.marks.map((m) => (m.bidId === 'b-birch' && m.criterionId === 'crit-Q1' ? { ...m, mark: m.group === 'professional' ? '2.5' : '1.5' } : m));
    expect(find(calculateResults(round), 'b-birch')).toMatchObject({ eligible: true, thresholdFailures: [] });
  });
});

describe('calculateResults: incomplete marks', () => {
  it('reports a missing group mark, counts the question as 0 and flags the bid and the round', () => {
    const round = exampleRound();
    round.marks = round.marks.filter((m) => !(m.bidId === 'b-cedar' && m.criterionId === 'crit-Q1' && m.group === 'youngPartner'));
    const results = calculateResults(round);
    const cedar = find(results, 'b-cedar');
    expect(line(cedar, 'Q1')).toMatchObject({
      status: 'incomplete', missing: ['no young partner mark'], groupMarks: { professional: '5' }, mark: null, weightedScore: '0',
      contributions: { professional: '0', youngPartner: '0', price: '0' },
    });
    expect(cedar).toMatchObject({ complete: false, incomplete: ['Q1 Service model: no young partner mark'], total: '45.2', thresholdFailures: [] });
    expect(results.complete).toBe(false);
  });
});

describe('calculateResults: tie-breaks', () => {
  // Quality 50 (Q1 professionals, Q2 young partners; effective 25 each), Price 50. Scale 0-4.
  function tieRound(rule: TieBreakRule, bids: [string, string, string, string][]): ResultsInput {
    return {
      scaleMax: 4,
      sections: [
        { id: 'q', key: 'S1', title: 'Quality', weight: '50', questions: [
          question('Q1', 'Delivery', 'quality', '50', { scoredBy: ['professional'], groupWeights: { professional: '100' } }),
          question('Q2', 'Being heard', 'quality', '50', { scoredBy: ['youngPartner'], groupWeights: { youngPartner: '100' } }),
        ] },
        { id: 'p', key: 'S2', title: 'Price', weight: '50', questions: [question('Q3', 'Price', 'price', '100')] },
      ],
      bids: bids.map(([name, price]) => bid(name.toLowerCase(), name, price)),
      marks: bids.flatMap(([name, , q1, q2]) => marksFor(name.toLowerCase(), { Q1: { professional: q1 }, Q2: { youngPartner: q2 } })),
      tieBreak: { rule },
    };
  }
  // Pine: cheap, weak quality: 12.5 + 0 + 50 = 62.5. Quill: dear, strong quality: 25 + 12.5 + 25 = 62.5.
  const cheapVersusGood: [string, string, string, string][] = [['Pine', '100', '2', '0'], ['Quill', '200', '4', '2']];
  // Rowan and Sage: same price, same quality score (37.5), but Sage's comes from young partners.
  const sameQuality: [string, string, string, string][] = [['Rowan', '100', '4', '2'], ['Sage', '100', '2', '4']];
  const ranks = (results: RoundResults) => results.bids.map((b) => [b.supplierName, b.rank, b.tie, b.tieBreak?.outcome]);

  it('highest quality score: the better quality bid wins the tie on total', () => {
    const results = calculateResults(tieRound('highestQualityScore', cheapVersusGood));
    expect(ranks(results)).toEqual([['Quill', 1, false, 'tieBreakApplied'], ['Pine', 2, false, 'tieBreakApplied']]);
    expect(find(results, 'quill').tieBreak).toEqual({
      rule: 'highestQualityScore', outcome: 'tieBreakApplied', tiedOnTotalWith: ['pine'], sharesRankWith: [],
      explanation: 'Same total (62.50) as Pine; published tie-break, highest quality score: Pine 12.50, Quill 37.50. The tie-break places Quill at rank 1.',
    });
  });

  it('lowest price: the cheaper bid wins the same tie', () => {
    expect(ranks(calculateResults(tieRound('lowestPrice', cheapVersusGood)))).toEqual([['Pine', 1, false, 'tieBreakApplied'], ['Quill', 2, false, 'tieBreakApplied']]);
  });

  it('highest young partner contribution: the bid young partners rated higher wins', () => {
    const results = calculateResults(tieRound('highestYoungPartnerContribution', sameQuality));
    expect(ranks(results)).toEqual([['Sage', 1, false, 'tieBreakApplied'], ['Rowan', 2, false, 'tieBreakApplied']]);
    expect(find(results, 'sage').contributions.youngPartner).toBe('25');
    expect(find(results, 'rowan').contributions.youngPartner).toBe('12.5');
  });

  it('an unresolved tie shares the rank and skips the next (competition ranking 1, 1, 3)', () => {
    const results = calculateResults(tieRound('highestQualityScore', [...sameQuality, ['Teak', '100', '2', '2']]));
    expect(ranks(results)).toEqual([['Rowan', 1, true, 'tieUnresolved'], ['Sage', 1, true, 'tieUnresolved'], ['Teak', 3, false, undefined]]);
    expect(find(results, 'rowan').tieBreak).toMatchObject({ tiedOnTotalWith: ['sage'], sharesRankWith: ['sage'] });
    expect(find(results, 'sage').tieBreak!.explanation).toBe(
      'Same total (87.50) as Rowan; published tie-break, highest quality score: Rowan 37.50, Sage 37.50. The tie-break does not separate Sage from Rowan: they share rank 1.',
    );
  });

  it('a three-way tie the rule only partly separates', () => {
    const results = calculateResults(tieRound('lowestPrice', [['Ash', '100', '4', '4'], ['Beech', '125', '4', '4'], ['Elm', '125', '4', '4'], ['Fir', '500', '4', '4']]));
    // Ash 100; Beech and Elm 25 + 25 + 40 = 90; Fir 25 + 25 + 10 = 60
    expect(ranks(results)).toEqual([['Ash', 1, false, undefined], ['Beech', 2, true, 'tieUnresolved'], ['Elm', 2, true, 'tieUnresolved'], ['Fir', 4, false, undefined]]);
  });
});

describe('calculateResults: input it cannot calculate', () => {
  const attempt = (change: (round: EditableRound) => void) => {
    const round = exampleRound();
    change(round);
    try {
      calculateResults(round);
    } catch (error) {
      expect(error).toBeInstanceOf(ResultsInputError);
      return (error as ResultsInputError).problems;
    }
    throw new Error('expected a ResultsInputError');
  };

  it('refuses a mark off the scale, a duplicate, a mark from a group that does not score the question, and unknown references', () => {
    expect(attempt((r) => { r.marks[0] = { ...r.marks[0], mark: '5.5' }; })).toEqual(['The professional mark for bid b-alder on criterion crit-Q1 must be a decimal from 0 to 5, not "5.5"']);
    expect(attempt((r) => { r.marks.push({ ...r.marks[0] }); })).toEqual(['The professional mark for bid b-alder on criterion crit-Q1 is given more than once']);
    expect(attempt((r) => { r.marks.push({ bidId: 'b-alder', criterionId: 'crit-Q2', group: 'professional', mark: '3' }); }))
      .toEqual(['The professional mark for bid b-alder on criterion crit-Q2 is from a group that does not score Q2 Feeling safe and listened to']);
    expect(attempt((r) => { r.marks.push({ bidId: 'nobody', criterionId: 'crit-Q4', group: 'professional', mark: '3' }); })).toEqual([
      'The professional mark for bid nobody on criterion crit-Q4 is for a price question, which the panel does not mark',
      'The professional mark for bid nobody on criterion crit-Q4 is for an unknown bid',
    ]);
    expect(attempt((r) => { r.marks[0] = { ...r.marks[0], mark: '1e0' }; })).toHaveLength(1);
  });

  it('refuses a non-positive price, a duplicate bid id and an unusable scale', () => {
    expect(attempt((r) => { r.bids[0] = { ...r.bids[0], price: '0' }; })).toEqual(['The price of bid Alder Care must be a positive decimal string, not "0"']);
    expect(attempt((r) => { r.bids.push({ ...r.bids[0] }); })).toEqual(['The bid id b-alder is used more than once']);
    expect(attempt((r) => { r.scaleMax = 4.5; })).toContain('The scale maximum must be a whole number of at least 1, not 4.5');
  });
});

describe('calculateResults: a method with weight problems', () => {
  it('still calculates, and carries the problems for the results page', () => {
    const round = exampleRound();
    round.sections = round.sections.map((s) => (s.key === 'S2' ? { ...s, weight: '5' } : s));
    expect(calculateResults(round).weightProblems).toEqual(['The section weights sum to 95, not 100']);
  });
});
