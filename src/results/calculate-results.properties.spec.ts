import fc from 'fast-check';
import { calculateResults } from './calculate-results.js';
import { Exact, sum } from './exact.js';
import { meanMark } from './marks.js';
import type { BidInput, GroupMarkInput, PanelGroup, QuestionInput, ResultsInput, RoundResults, SectionInput, TieBreakRule } from './model.js';
import { weightProblems } from './weights.js';

// Random valid rounds. Weights are whole tenths shared out exactly (integer arithmetic), so every
// level sums to 100 as published weights do ("33.3", "33.3", "33.4").

/** Splits 100 in proportion to the raw shares, in tenths; the last part takes the remainder. */
function shareOut(raw: number[]): string[] {
  const shares = raw.every((r) => r === 0) ? raw.map(() => 1) : raw;
  const whole = shares.reduce((a, b) => a + b, 0);
  const tenths = shares.map((r) => Math.floor((r * 1000) / whole));
  tenths[tenths.length - 1] += 1000 - tenths.reduce((a, b) => a + b, 0);
  return tenths.map((t) => `${Math.floor(t / 10)}.${t % 10}`);
}

const questionShape = fc.record({
  type: fc.constantFrom<QuestionInput['type']>('quality', 'quality', 'quality', 'price', 'passFail'),
  scoredBy: fc.constantFrom<PanelGroup[]>(['professional'], ['youngPartner'], ['professional', 'youngPartner'], ['youngPartner', 'professional']),
  professionalShare: fc.integer({ min: 0, max: 1000 }),
  share: fc.integer({ min: 0, max: 50 }),
  threshold: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
});
const sectionShape = fc.record({
  share: fc.integer({ min: 0, max: 50 }),
  questions: fc.array(questionShape, { minLength: 1, maxLength: 4 }).filter((qs) => qs.some((q) => q.type !== 'passFail')),
});
// A mark: a consensus whole or half mark, a provisional mean of a few individual marks, or missing.
const markShape = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('consensus' as const), halves: fc.integer({ min: 0, max: 10 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('mean' as const), marks: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 7 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
);
const bidShape = fc.record({
  supplierName: fc.constantFrom('Alder', 'Birch', 'Cedar', 'Alder'), // a repeated name on purpose
  pence: fc.option(fc.integer({ min: 1, max: 200_000_000 }), { freq: 10 }),
  compliant: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  // A twin has the first bid's price and marks, so ties on total (and unresolved ties) come up often.
  twin: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

const roundArb: fc.Arbitrary<ResultsInput> = fc
  .record({
    scaleMax: fc.constantFrom(4, 5),
    rule: fc.constantFrom<TieBreakRule>('highestQualityScore', 'lowestPrice', 'highestYoungPartnerContribution'),
    sections: fc.array(sectionShape, { minLength: 1, maxLength: 4 }),
    bids: fc.array(bidShape, { minLength: 1, maxLength: 5 }),
  })
  .chain(({ scaleMax, rule, sections: sectionShapes, bids: bidShapes }) => {
    const sectionWeights = shareOut(sectionShapes.map((s) => s.share));
    const sections: SectionInput[] = sectionShapes.map((s, si) => {
      const scored = s.questions.filter((q) => q.type !== 'passFail');
      const weights = shareOut(scored.map((q) => q.share));
      return {
        id: `sec-${si}`, key: `S${si + 1}`, title: `Section ${si + 1}`, weight: sectionWeights[si],
        questions: s.questions.map((q, qi): QuestionInput => {
          const quality = q.type === 'quality';
          const [professional, youngPartner] = shareOut([q.professionalShare, 1000 - q.professionalShare]);
          const groupWeights = !quality ? {} : q.scoredBy.length === 1 ? { [q.scoredBy[0]]: '100' } : { professional, youngPartner };
          return {
            id: `q-${si}-${qi}`, key: `Q${si + 1}${String.fromCharCode(65 + qi)}`, title: `Question ${qi + 1}`, type: q.type,
            weight: q.type === 'passFail' ? '0' : weights[scored.indexOf(q)],
            threshold: q.type === 'passFail' ? null : q.threshold, scoredBy: quality ? q.scoredBy : [], groupWeights,
          };
        }),
      };
    });
    const pence = (i: number) => (bidShapes[i].twin ? bidShapes[0].pence : bidShapes[i].pence);
    const bids: BidInput[] = bidShapes.map((b, i) => ({
      id: `bid-${i}`, supplierName: b.supplierName, compliant: b.compliant,
      price: pence(i) === null ? null : `${Math.floor(pence(i)! / 100)}.${String(pence(i)! % 100).padStart(2, '0')}`,
    }));
    const slots = bids.flatMap((bid) => sections.flatMap((s) => s.questions.filter((q) => q.type === 'quality')
      .flatMap((q) => q.scoredBy.map((group) => ({ bidId: bid.id, criterionId: q.id, group })))));
    return fc.array(markShape, { minLength: slots.length, maxLength: slots.length }).map((shapes): ResultsInput => ({
      scaleMax, sections, bids, tieBreak: { rule },
      marks: slots.flatMap((slot, i): GroupMarkInput[] => {
        // Slots run bid by bid, the same number per bid; a twin reuses the first bid's.
        const perBid = slots.length / bids.length;
        const shape = bidShapes[Math.floor(i / perBid)].twin ? shapes[i % perBid] : shapes[i];
        if (shape.kind === 'missing') return [];
        const mark = shape.kind === 'consensus'
          ? new Exact(Math.min(shape.halves, scaleMax * 2)).div(2).toString()
          : meanMark(shape.marks.map((m) => Math.min(m, scaleMax)));
        return [{ ...slot, mark }];
      }),
    }));
  });

/** A deterministic shuffle from a seed (mulberry32), so a failing case can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const totals = (results: RoundResults) => new Map(results.bids.map((b) => [b.id, new Exact(b.total)]));
const PLAIN = /^-?\d+(\.\d+)?$/;

describe('calculateResults properties over random valid rounds', () => {
  it('the generator makes rounds with sound weights', () => {
    fc.assert(fc.property(roundArb, (round) => {
      expect(weightProblems(round.sections)).toEqual([]);
    }));
  });

  it('every total is between 0 and 100', () => {
    fc.assert(fc.property(roundArb, (round) => {
      for (const bid of calculateResults(round).bids) {
        const total = new Exact(bid.total);
        expect(total.gte(0) && total.lte(100)).toBe(true);
      }
    }));
  });

  it('professional + young partner + price = total exactly, for the bid, each section and each line', () => {
    fc.assert(fc.property(roundArb, (round) => {
      for (const bid of calculateResults(round).bids) {
        const parts = (c: { professional: string; youngPartner: string; price: string }) => sum([c.professional, c.youngPartner, c.price].map((v) => new Exact(v)));
        const total = new Exact(bid.total);
        expect(parts(bid.contributions).eq(total)).toBe(true);
        expect(sum(bid.sectionTotals.map((s) => new Exact(s.total))).eq(total)).toBe(true);
        expect(sum(bid.lines.map((l) => new Exact(l.weightedScore))).eq(total)).toBe(true);
        for (const s of bid.sectionTotals) expect(parts(s.contributions).eq(new Exact(s.total))).toBe(true);
        for (const l of bid.lines) expect(parts(l.contributions).eq(new Exact(l.weightedScore))).toBe(true);
        // Full precision, never exponent notation.
        for (const value of [bid.total, bid.qualityScore, ...Object.values(bid.contributions), ...bid.lines.map((l) => l.weightedScore)]) expect(value).toMatch(PLAIN);
      }
    }));
  });

  it('raising marks (never above the scale) never lowers a total', () => {
    const raise = fc.array(fc.constantFrom(0, 1, 2, 3, 4), { minLength: 200, maxLength: 200 });
    fc.assert(fc.property(roundArb, raise, (round, quarters) => {
      const before = totals(calculateResults(round));
      // Each mark moves 0, 1/4, 1/2, 3/4 or all of the way to the top of the scale.
      const raised = { ...round, marks: round.marks.map((m, i) => {
        const mark = new Exact(m.mark);
        return { ...m, mark: mark.plus(new Exact(round.scaleMax).minus(mark).times(quarters[i % quarters.length]).div(4)).toString() };
      }) };
      for (const [id, total] of totals(calculateResults(raised))) expect(total.gte(before.get(id)!)).toBe(true);
    }));
  });

  it('does not depend on the order of bids, marks, sections, questions or scoring groups', () => {
    fc.assert(fc.property(roundArb, fc.integer(), (round, seed) => {
      const reordered: ResultsInput = {
        ...round,
        bids: shuffled(round.bids, seed),
        marks: shuffled(round.marks, seed + 1),
        sections: shuffled(round.sections, seed + 2).map((s, i) => ({
          ...s,
          questions: shuffled(s.questions, seed + 3 + i).map((q) => ({ ...q, scoredBy: shuffled(q.scoredBy, seed) })),
        })),
      };
      expect(calculateResults(reordered)).toEqual(calculateResults(round));
    }));
  });

  it('ranks eligible bids by competition ranking: a higher total always ranks higher, and n bids above means rank n + 1', () => {
    fc.assert(fc.property(roundArb, (round) => {
      const results = calculateResults(round);
      const ranked = results.bids.filter((b) => b.eligible);
      expect(results.bids.filter((b) => !b.eligible).every((b) => b.rank === null && !b.tie)).toBe(true);
      for (const a of ranked) {
        expect(a.rank).toBe(1 + ranked.filter((b) => b.rank! < a.rank!).length);
        for (const b of ranked) if (new Exact(a.total).gt(b.total)) expect(a.rank!).toBeLessThan(b.rank!);
        expect(a.tie).toBe(ranked.some((b) => b !== a && b.rank === a.rank));
      }
    }));
  });
});
