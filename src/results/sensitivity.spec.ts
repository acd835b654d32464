import fc from 'fast-check';
import { calculateResults } from './calculate-results.js';
import { Exact, type Decimal } from './exact.js';
import type { GroupMarkInput, PanelGroup, QuestionInput, ResultsInput, RoundResults, TieBreakRule } from './model.js';
import { sensitivity, withGroupWeight, withMark, withPriceWeight, type WeightSensitivity } from './sensitivity.js';

const winners = (results: RoundResults) => results.bids.filter((b) => b.rank === 1).map((b) => b.id).sort();
const quality = (id: string, weight: string, groupWeights: Partial<Record<PanelGroup, string>>, threshold: number | null = null): QuestionInput =>
  ({ id, key: id, title: id, type: 'quality', weight, threshold, scoredBy: Object.keys(groupWeights) as PanelGroup[], groupWeights });
const price = (id: string): QuestionInput => ({ id, key: id, title: 'Price', type: 'price', weight: '100', threshold: null, scoredBy: [], groupWeights: {} });
const mark = (bidId: string, criterionId: string, group: PanelGroup, value: string): GroupMarkInput => ({ bidId, criterionId, group, mark: value });

/**
 * The README's worked example (scale 0-4): Q1 30 % (both groups 50/50), Q2 30 % (young partners),
 * SV1 10 % (professionals), price 30 %. Safer Futures 77.75, Youth Link 67.50.
 */
const worked: ResultsInput = {
  scaleMax: 4,
  sections: [
    { id: 's1', key: 'S1', title: 'Quality', weight: '60', questions: [quality('Q1', '50', { professional: '50', youngPartner: '50' }), quality('Q2', '50', { youngPartner: '100' })] },
    { id: 's2', key: 'S2', title: 'Social value', weight: '10', questions: [quality('SV1', '100', { professional: '100' })] },
    { id: 's3', key: 'S3', title: 'Price', weight: '30', questions: [price('P1')] },
  ],
  bids: [
    { id: 'safer', supplierName: 'Safer Futures CIC', price: '1500000', compliant: true },
    { id: 'youth', supplierName: 'Youth Link Partnership', price: '1200000', compliant: true },
  ],
  marks: [
    mark('safer', 'Q1', 'professional', '3'), mark('safer', 'Q1', 'youngPartner', '4'), mark('safer', 'Q2', 'youngPartner', '3'), mark('safer', 'SV1', 'professional', '2'),
    mark('youth', 'Q1', 'professional', '2'), mark('youth', 'Q1', 'youngPartner', '2'), mark('youth', 'Q2', 'youngPartner', '2'), mark('youth', 'SV1', 'professional', '3'),
  ],
  tieBreak: { rule: 'highestQualityScore' },
};

describe('sensitivity: the worked example', () => {
  const report = sensitivity(worked);

  it('names the winner and the margin in points', () => {
    expect(report).toMatchObject({ computed: true, winnerIds: ['safer'], runnerUpId: 'youth', margin: '10.25' });
  });

  it('gives only the margin for a round too large to search', () => {
    const many = { ...worked, bids: Array.from({ length: 400 }, (_, i) => ({ id: `b${i}`, supplierName: `Bid ${i}`, price: '100', compliant: true })), marks: [] };
    expect(sensitivity(many)).toMatchObject({ computed: false, marks: [], groupWeight: [], priceWeight: null });
  });

  it('finds the smallest single mark change per question, or none', () => {
    const flips = Object.fromEntries(report.marks.map((m) => [m.key, m.flip]));
    // Q1: one group mark moves 0.5 x 30 / 4 = 3.75 points; 10.25 needs 3 marks (Safer's professional 3 -> 0 gives 66.5 < 67.5).
    expect(flips.Q1).toEqual({ bidId: 'safer', supplierName: 'Safer Futures CIC', group: 'professional', from: '3', to: '0', change: -3, winnerIds: ['youth'], totalAfter: '66.5' });
    // Q2: 7.5 points a mark; two marks either way (Safer 3 -> 1: 62.75; Youth Link 2 -> 4: 82.5); the winner's change comes first.
    expect(flips.Q2).toEqual({ bidId: 'safer', supplierName: 'Safer Futures CIC', group: 'youngPartner', from: '3', to: '1', change: -2, winnerIds: ['youth'], totalAfter: '62.75' });
    // SV1: 2.5 points a mark; the most either can move is 5 or 2.5, less than 10.25.
    expect(flips.SV1).toBeNull();
  });

  it('keeps Safer Futures first at every young-partner weight on Q1 (74 + 0.075x against 67.5)', () => {
    expect(report.groupWeight).toEqual([{
      criterionId: 'Q1', key: 'Q1', published: '50',
      segments: [{ from: '0', to: '100', fromIncluded: true, toIncluded: true, winnerIds: ['safer'] }],
      sameWinner: [{ from: '0', to: '100', fromIncluded: true, toIncluded: true, winnerIds: ['safer'] }],
    }]);
    expect(report.roundGroupWeight).toMatchObject({ published: '50', sameWinner: [{ from: '0', to: '100' }] });
  });

  it('solves the price weight at which Youth Link overtakes: 53.75(100-p)/70 + 0.8p = 37.5(100-p)/70 + p, p = 6500/121', () => {
    const price = report.priceWeight!;
    expect(price.published).toBe('30');
    expect(price.segments.map((s) => s.winnerIds)).toEqual([['safer'], ['youth']]);
    const [safer, youth] = price.segments;
    expect(safer.from).toBe('0');
    expect(youth.to).toBe('100');
    // 6500/121 = 53.719008264462809917355371900826446280991735..., carried to 40 significant digits.
    expect(safer.to).toBe('53.71900826446280991735537190082644628099');
    expect(youth.from).toBe(safer.to);
    expect(price.sameWinner).toEqual([safer]);
  });

  it('scales the other weights in proportion, so the published price weight gives the published totals', () => {
    const at30 = calculateResults(withPriceWeight(worked, new Exact(30)));
    expect(at30.bids.map((b) => [b.id, b.total])).toEqual([['safer', '77.75'], ['youth', '67.5']]);
    const at60 = calculateResults(withPriceWeight(worked, new Exact(60)));
    // Safer: 53.75 x 40/70 + 24 x 60/30 = 30.714... + 48; Youth Link: 37.5 x 40/70 + 60 = 21.428... + 60.
    expect(winners(at60)).toEqual(['youth']);
  });

  it('lists no threshold risks when the method has no minimum marks', () => {
    expect(report.oneMarkFromDisqualification).toEqual([]);
    expect(report.oneMarkFromQualifying).toEqual([]);
  });
});

describe('sensitivity: thresholds and group weights that decide', () => {
  // Q1 (both groups, minimum 2) is worth 80 points, price 20 (all prices equal). Alder: professionals 4,
  // young partners 1 -> blended 2.5, total 70. Birch: 2 and 1 -> 1.5, below 2: disqualified. Cedar: 2 and 2 -> 2, total 60.
  const round: ResultsInput = {
    scaleMax: 4,
    sections: [
      { id: 's1', key: 'S1', title: 'Quality', weight: '80', questions: [quality('Q1', '100', { professional: '50', youngPartner: '50' }, 2)] },
      { id: 's2', key: 'S2', title: 'Price', weight: '20', questions: [price('P1')] },
    ],
    bids: [
      { id: 'alder', supplierName: 'Alder', price: '100', compliant: true },
      { id: 'birch', supplierName: 'Birch', price: '100', compliant: true },
      { id: 'cedar', supplierName: 'Cedar', price: '100', compliant: true },
    ],
    marks: [
      mark('alder', 'Q1', 'professional', '4'), mark('alder', 'Q1', 'youngPartner', '1'),
      mark('birch', 'Q1', 'professional', '2'), mark('birch', 'Q1', 'youngPartner', '1'),
      mark('cedar', 'Q1', 'professional', '2'), mark('cedar', 'Q1', 'youngPartner', '2'),
    ],
    tieBreak: { rule: 'highestQualityScore' },
  };
  const report = sensitivity(round);

  it('names the bids a mark from a minimum, both ways', () => {
    expect(report).toMatchObject({ winnerIds: ['alder'], runnerUpId: 'cedar', margin: '10' });
    // Alder one mark lower stays at 2 (4 and 0, or 3 and 1): not below. Cedar one mark lower on either group: 1.5.
    expect(report.oneMarkFromDisqualification).toEqual([
      { bidId: 'cedar', supplierName: 'Cedar', criterionId: 'Q1', key: 'Q1', group: 'professional', from: '2', to: '1', markAfter: '1.5' },
      { bidId: 'cedar', supplierName: 'Cedar', criterionId: 'Q1', key: 'Q1', group: 'youngPartner', from: '2', to: '1', markAfter: '1.5' },
    ]);
    // Birch one mark higher on either group: 2, eligible again.
    expect(report.oneMarkFromQualifying).toEqual([
      { bidId: 'birch', supplierName: 'Birch', criterionId: 'Q1', key: 'Q1', group: 'professional', from: '2', to: '3', markAfter: '2' },
      { bidId: 'birch', supplierName: 'Birch', criterionId: 'Q1', key: 'Q1', group: 'youngPartner', from: '1', to: '2', markAfter: '2' },
    ]);
  });

  it('finds the young-partner weight at which Alder falls to its minimum and Cedar wins', () => {
    // Alder's blended mark is 4 - 3x/100: it meets Cedar's 2 (and the minimum) at x = 200/3, to 40 significant digits.
    const q1 = report.groupWeight[0];
    const x = '66.66666666666666666666666666666666666667';
    expect(q1.segments.map((s) => [s.from, s.to, s.fromIncluded, s.toIncluded, s.winnerIds])).toEqual([
      ['0', x, true, false, ['alder']],
      [x, '100', true, true, ['cedar']],
    ]);
    expect(q1.sameWinner).toEqual([q1.segments[0]]);
  });

  it('counts a tie the tie-break cannot separate as a change of winner', () => {
    // Alder's professionals 4 -> 3: blended 2, total 60 and quality 40, exactly Cedar's: they share first place.
    expect(report.marks[0].flip).toEqual({ bidId: 'alder', supplierName: 'Alder', group: 'professional', from: '4', to: '3', change: -1, winnerIds: ['alder', 'cedar'], totalAfter: '60' });
  });
});

// Random small rounds: two to four bids, one to three quality questions (some scored by both groups,
// some with a minimum), a price question, whole consensus marks on a 0-4 scale.
const roundArb: fc.Arbitrary<ResultsInput> = fc.record({
  rule: fc.constantFrom<TieBreakRule>('highestQualityScore', 'lowestPrice', 'highestYoungPartnerContribution'),
  questions: fc.array(fc.record({
    both: fc.boolean(), group: fc.constantFrom<PanelGroup>('professional', 'youngPartner'),
    youngPartnerWeight: fc.integer({ min: 0, max: 100 }), weight: fc.integer({ min: 1, max: 9 }), threshold: fc.option(fc.integer({ min: 1, max: 2 }), { freq: 3 }),
  }), { minLength: 1, maxLength: 3 }),
  priceWeight: fc.integer({ min: 0, max: 6 }),
  prices: fc.array(fc.integer({ min: 80, max: 120 }), { minLength: 2, maxLength: 4 }),
}).chain(({ rule, questions, priceWeight, prices }) => {
  const totalWeight = questions.reduce((a, q) => a + q.weight, 0);
  const qs = questions.map((q, i) => {
    const weight = i === questions.length - 1 ? 100 - questions.slice(0, -1).reduce((a, o) => a + Math.floor((o.weight * 100) / totalWeight), 0) : Math.floor((q.weight * 100) / totalWeight);
    return quality(`Q${i + 1}`, String(weight), q.both ? { professional: String(100 - q.youngPartnerWeight), youngPartner: String(q.youngPartnerWeight) } : { [q.group]: '100' }, q.threshold);
  });
  const slots = prices.flatMap((_, b) => qs.flatMap((q) => q.scoredBy.map((group) => ({ bidId: `b${b}`, criterionId: q.id, group }))));
  return fc.array(fc.integer({ min: 0, max: 4 }), { minLength: slots.length, maxLength: slots.length }).map((values): ResultsInput => ({
    scaleMax: 4,
    sections: [
      { id: 's1', key: 'S1', title: 'Quality', weight: String(100 - priceWeight * 10), questions: qs },
      { id: 's2', key: 'S2', title: 'Price', weight: String(priceWeight * 10), questions: [price('P1')] },
    ],
    bids: prices.map((p, b) => ({ id: `b${b}`, supplierName: `Bid ${b}`, price: String(p), compliant: true })),
    marks: slots.map((slot, i) => ({ ...slot, mark: String(values[i]) })),
    tieBreak: { rule },
  }));
});

/** Every change of one group mark on one question, by its size in whole marks. */
function changes(input: ResultsInput, criterionId: string) {
  return input.marks.filter((m) => m.criterionId === criterionId).flatMap((m) =>
    [0, 1, 2, 3, 4].filter((to) => to !== Number(m.mark)).map((to) => ({ m, to, size: Math.abs(to - Number(m.mark)) })));
}

describe('sensitivity: properties', () => {
  it('a reported mark change really changes the winner, and no smaller change of one mark does', () => {
    fc.assert(fc.property(roundArb, (input) => {
      const before = winners(calculateResults(input));
      for (const { criterionId, flip } of sensitivity(input).marks) {
        if (flip) {
          const after = winners(calculateResults(withMark(input, flip.bidId, criterionId, flip.group, flip.to)));
          expect(after).not.toEqual(before);
          expect(after).toEqual(flip.winnerIds);
          expect(calculateResults(withMark(input, flip.bidId, criterionId, flip.group, flip.to)).bids.find((b) => b.id === flip.bidId)!.total).toBe(flip.totalAfter);
          expect(Math.abs(Number(flip.to) - Number(flip.from))).toBe(Math.abs(flip.change));
        }
        const bound = flip ? Math.abs(flip.change) : Infinity;
        for (const { m, to, size } of changes(input, criterionId)) {
          if (size >= bound) continue;
          expect(winners(calculateResults(withMark(input, m.bidId, criterionId, m.group, String(to))))).toEqual(before);
        }
      }
    }), { numRuns: 150 });
  });

  const checkSweep = (sweep: WeightSensitivity, inputAt: (x: Decimal) => ResultsInput, winnerIds: string[]) => {
    const { segments } = sweep;
    expect(segments[0]).toMatchObject({ from: '0', fromIncluded: true });
    expect(segments.at(-1)).toMatchObject({ to: '100', toIncluded: true });
    segments.forEach((s, i) => {
      const next = segments[i + 1];
      if (next) {
        expect(next.from).toBe(s.to);
        expect(next.fromIncluded).toBe(!s.toIncluded);
        expect(next.winnerIds).not.toEqual(s.winnerIds);
        // A boundary is an exact crossing: two bids' totals (or tie-break values) meet there, or a blended mark meets its minimum.
        const at = calculateResults(inputAt(new Exact(s.to)));
        const close = (a: string, b: string | number) => new Exact(a).minus(b).abs().lte('1e-30');
        const meet = at.bids.some((a) => at.bids.some((b) => a.id < b.id && a.status !== 'excluded' && b.status !== 'excluded'
          && (close(a.total, b.total) || close(a.qualityScore, b.qualityScore) || close(a.contributions.youngPartner, b.contributions.youngPartner))))
          || at.bids.some((b) => b.lines.some((l) => l.threshold !== null && l.mark !== null && close(l.mark, l.threshold)));
        expect(meet).toBe(true);
      }
      // Inside each stretch the calculation agrees with the reported winner.
      const inside = s.from === s.to ? new Exact(s.from) : new Exact(s.from).plus(s.to).div(2);
      expect(winners(calculateResults(inputAt(inside)))).toEqual(s.winnerIds);
    });
    expect(sweep.sameWinner).toEqual(segments.filter((s) => JSON.stringify(s.winnerIds) === JSON.stringify(winnerIds)));
  };

  it('weight ranges cover 0 to 100, cut only at exact crossing points, with the winner the calculation finds', () => {
    fc.assert(fc.property(roundArb, (input) => {
      const report = sensitivity(input);
      for (const q of report.groupWeight) checkSweep(q, (x) => withGroupWeight(input, [q.criterionId!], x), report.winnerIds);
      if (report.priceWeight) checkSweep(report.priceWeight, (p) => withPriceWeight(input, p), report.winnerIds);
    }), { numRuns: 100 });
  });

  it('threshold risks are exactly the one-mark changes that flip eligibility', () => {
    fc.assert(fc.property(roundArb, (input) => {
      const base = calculateResults(input);
      const report = sensitivity(input);
      const found = [...report.oneMarkFromDisqualification, ...report.oneMarkFromQualifying].map((r) => `${r.bidId}/${r.criterionId}/${r.group}/${r.to}`).sort();
      const expected = input.marks.flatMap((m) => {
        const bid = base.bids.find((b) => b.id === m.bidId)!;
        const to = Number(m.mark) + (bid.eligible ? -1 : 1);
        if (to < 0 || to > 4) return [];
        const after = calculateResults(withMark(input, m.bidId, m.criterionId, m.group, String(to))).bids.find((b) => b.id === m.bidId)!;
        return after.eligible === bid.eligible ? [] : [`${m.bidId}/${m.criterionId}/${m.group}/${to}`];
      }).sort();
      expect(found).toEqual(expected);
    }), { numRuns: 100 });
  });
});
