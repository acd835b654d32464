import { krippendorffAlpha } from './krippendorff.js';
import { panelConsistency, type ConsistencyCell } from './panel-consistency.js';

// A crafted panel. Professionals on Q1 over four bids with agreed marks 2, 3, 2, 3:
//   P1 gives exactly the agreed mark; P2 always one mark more (lenient, steady);
//   P3 one more on bids 1-2 and one less on bids 3-4, but saved bid 4 first and bid 1 last,
//   so in the order of their saves they went from one below to one above: drift +2.
// Young partners Y1 and Y2 on Q2 agree on every bid (1, 4, 2, 3).
const at = (minute: number) => `2027-02-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const agreed = [2, 3, 2, 3];
const p3 = [1, 1, -1, -1];
const cells: ConsistencyCell[] = [
  ...agreed.map((mark, b): ConsistencyCell => ({
    bidId: `b${b + 1}`, criterionId: 'q1', key: 'Q1', group: 'professional', groupMark: mark,
    marks: [
      { panelCode: 'P1', mark, savedAt: at(b) },
      { panelCode: 'P2', mark: mark + 1, savedAt: at(b) },
      { panelCode: 'P3', mark: mark + p3[b], savedAt: at(10 - b) },
    ],
  })),
  ...[1, 4, 2, 3].map((mark, b): ConsistencyCell => ({
    bidId: `b${b + 1}`, criterionId: 'q2', key: 'Q2', group: 'youngPartner', groupMark: mark,
    marks: [{ panelCode: 'Y1', mark, savedAt: at(b) }, { panelCode: 'Y2', mark, savedAt: at(b) }],
  })),
];

describe('panel consistency on a crafted panel', () => {
  const report = panelConsistency(cells);
  const person = (code: string) => report.panellists.find((p) => p.panelCode === code)!;

  it('gives the steady, accurate panellist nothing to flag', () => {
    expect(person('P1')).toEqual({ panelCode: 'P1', group: 'professional', marks: 4, leniency: 0, spread: 0, drift: 0, flags: [] });
  });

  it('flags the lenient panellist by their mean difference from the agreed mark', () => {
    expect(person('P2')).toEqual({
      panelCode: 'P2', group: 'professional', marks: 4, leniency: 1, spread: 0, drift: 0,
      flags: ['more generous than the professional group: 1 of a mark on average over 4 marks'],
    });
  });

  it('flags the erratic panellist for spread and for drift in the order of their saves', () => {
    expect(person('P3')).toEqual({
      panelCode: 'P3', group: 'professional', marks: 4, leniency: 0, spread: 1, drift: 2,
      flags: [
        'unpredictable against the professional group: their marks differ from its by 1 of a mark either way (standard deviation)',
        'marked more generously as they went on: 2 of a mark between their first and second half of 4 marks',
      ],
    });
  });

  it('lists professionals before young partners, each by panel code', () => {
    expect(report.panellists.map((p) => p.panelCode)).toEqual(['P1', 'P2', 'P3', 'Y1', 'Y2']);
  });

  it("reports Krippendorff's alpha per group and per question, 1 for a group that agrees on every bid", () => {
    const young = report.agreement.filter((a) => a.group === 'youngPartner');
    expect(young).toEqual([
      { group: 'youngPartner', criterionId: null, key: null, units: 4, marks: 8, ordinal: 1, interval: 1, meaning: 'the panel applied the scale consistently' },
      { group: 'youngPartner', criterionId: 'q2', key: 'Q2', units: 4, marks: 8, ordinal: 1, interval: 1, meaning: 'the panel applied the scale consistently' },
    ]);
    const professional = report.agreement.find((a) => a.group === 'professional' && a.criterionId === null)!;
    const units = cells.filter((c) => c.group === 'professional').map((c) => c.marks.map((m) => m.mark));
    expect(professional.interval).toBe(Math.round(krippendorffAlpha(units, 'interval')! * 1000) / 1000);
    expect(professional.ordinal).toBeLessThan(0.667);
    expect(professional.meaning).toBe('the panel did not apply the scale consistently');
  });

  it('does not judge a panellist on fewer than three marks', () => {
    const few = panelConsistency([{ bidId: 'b1', criterionId: 'q1', key: 'Q1', group: 'professional', groupMark: 1, marks: [{ panelCode: 'P9', mark: 4, savedAt: at(0) }] }]);
    expect(few.panellists[0]).toMatchObject({ leniency: 3, drift: null, flags: [] });
    expect(few.agreement[0]).toMatchObject({ units: 0, ordinal: null });
  });
});
