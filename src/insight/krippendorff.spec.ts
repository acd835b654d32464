import { alphaMeaning, krippendorffAlpha } from './krippendorff.js';

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers, twelve
// units, values 1-5, missing data (.). The paper gives nominal 0.743, ordinal 0.815, interval 0.849.
const _ = null;
const observers = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];
const units = observers[0].map((_unit, u) => observers.map((o) => o[u]).filter((v): v is number => v !== null));

describe("Krippendorff's alpha", () => {
  it("reproduces the paper's worked example with missing data to its three decimals", () => {
    expect(krippendorffAlpha(units, 'nominal')!.toFixed(3)).toBe('0.743');
    expect(krippendorffAlpha(units, 'ordinal')!.toFixed(3)).toBe('0.815');
    expect(krippendorffAlpha(units, 'interval')!.toFixed(3)).toBe('0.849');
  });

  it('leaves out units with a single value (unit 12 above is rated once)', () => {
    expect(krippendorffAlpha([...units, [5], [1]], 'interval')).toBe(krippendorffAlpha(units, 'interval'));
  });

  it('is 1 when every rater gives each unit the same mark', () => {
    const same = [[1, 1, 1], [3, 3], [4, 4, 4, 4], [2, 2]];
    for (const metric of ['nominal', 'ordinal', 'interval'] as const) expect(krippendorffAlpha(same, metric)).toBe(1);
  });

  it('is about 0 for marks unrelated to the unit, and negative for systematic disagreement', () => {
    // Two raters who always give opposite ends of the scale.
    expect(krippendorffAlpha([[0, 4], [4, 0], [0, 4], [4, 0]], 'interval')!).toBeLessThan(0);
    // Binary two-rater example: 2 x 2 agreement table a=2, d=2, b=c=... computed by hand:
    // units (0,0),(1,1),(0,1),(1,0): o00=2, o11=2, o01=o10=2; n=8, n0=n1=4; alpha = 1 - 7*4/(2*16) = 1/8.
    expect(krippendorffAlpha([[0, 0], [1, 1], [0, 1], [1, 0]], 'nominal')).toBeCloseTo(0.125, 12);
  });

  it('is undefined without pairable values or without any variation', () => {
    expect(krippendorffAlpha([], 'ordinal')).toBeNull();
    expect(krippendorffAlpha([[3], [2]], 'ordinal')).toBeNull();
    expect(krippendorffAlpha([[2, 2], [2, 2, 2]], 'interval')).toBeNull();
  });

  it('says what it means in words', () => {
    expect(alphaMeaning(0.9)).toBe('the panel applied the scale consistently');
    expect(alphaMeaning(0.7)).toMatch(/tentative/);
    expect(alphaMeaning(0.5)).toBe('the panel did not apply the scale consistently');
    expect(alphaMeaning(null)).toMatch(/not enough marks/);
  });
});
