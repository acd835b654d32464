import { Exact, exactString, quotient, toDisplay } from './exact.js';
import { meanMark, spread } from './marks.js';

describe('meanMark', () => {
  it('is the exact mean when it terminates', () => {
    expect(meanMark([3, 2])).toBe('2.5');
    expect(meanMark([4, 3, 3, 1])).toBe('2.75');
    expect(meanMark([4])).toBe('4');
    expect(meanMark([0, 0])).toBe('0');
  });

  it('carries a recurring mean to 40 significant digits', () => {
    expect(meanMark([3, 2, 2])).toBe('2.333333333333333333333333333333333333333');
    expect(meanMark([1, 1, 0])).toBe('0.6666666666666666666666666666666666666667');
  });

  it('needs at least one mark', () => {
    expect(() => meanMark([])).toThrow(RangeError);
  });
});

describe('spread', () => {
  it('is the highest mark minus the lowest', () => {
    expect(spread([1, 4, 3])).toBe(3);
    expect(spread([2, 2])).toBe(0);
    expect(spread([2.5, 0.1])).toBe(2.4); // exact, not 2.4000000000000004
  });

  it('needs at least one mark', () => {
    expect(() => spread([])).toThrow(RangeError);
  });
});

describe('toDisplay', () => {
  it('rounds half up to the given places, for display only', () => {
    expect(toDisplay('2.345')).toBe('2.35');
    expect(toDisplay('2.344999')).toBe('2.34');
    expect(toDisplay('19.2')).toBe('19.20');
    expect(toDisplay('100')).toBe('100.00');
    expect(toDisplay('0.125', 2)).toBe('0.13');
    expect(toDisplay('81.2449', 1)).toBe('81.2');
    expect(toDisplay('0.0000000001')).toBe('0.00');
    expect(toDisplay('7.5', 0)).toBe('8');
  });
});

describe('quotient', () => {
  it('keeps a terminating quotient exact and rounds a recurring one to 40 significant digits, even one whose long expansion is cut at a zero', () => {
    expect(exactString(quotient(1, 4))).toBe('0.25');
    expect(exactString(quotient(100, 300))).toBe('0.3333333333333333333333333333333333333333');
    // The counterexample fast-check found: a price ratio whose expansion happens to reach a zero at digit 1000.
    const q = quotient('8221.11', '1293048.62');
    expect(q.sd()).toBeLessThanOrEqual(40);
  });

  // Known answers from Python's decimal module at 3000 digits: one for each of the short contexts (100 and
  // 300 digits, truncating) and one that needs the full 1000-digit path, each terminating or recurring.
  it.each([
    ['1', String(2n ** 60n), '0.000000000000000000867361737988403547205962240695953369140625'],
    ['2', '3', '0.6666666666666666666666666666666666666667'],
    [String(2n ** 100n), String(5n ** 60n), '0.000000000001461501637330902918203684832716283019655932542976'],
    ['1', '7'.repeat(80), '1.285714285714285714285714285714285714286e-80'],
    [String(2n ** 200n), String(5n ** 150n), '0.000000000000000000000000000000000000000000002293498615990071511610820895302086940796564989168281123737588839386922876088484808070018553110125686554624'],
    // Few digits in the denominator, many in the quotient (210): the bound on a context's length must count
    // each denominator digit about 3.3 times, or this would be cut short and taken for a recurring quotient.
    ['1', String(2n ** 300n), '0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000490909346529772655309577195498627564297521551249944956511154911718710525472171585646009788403733195227718357156513187851316791861042471890280751482410896345225310546445986192853894181098439730703830718994140625'],
  ])('%s / %s = %s', (numerator, denominator, expected) => {
    const q = quotient(numerator, denominator);
    expect(q.eq(new Exact(expected))).toBe(true);
    expect(q.sd()).toBe(new Exact(expected).sd());
  });
});
