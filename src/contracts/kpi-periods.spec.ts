import { meetsTarget, overlaps, periodEnd } from './kpi-periods.js';

describe('KPI reporting periods', () => {
  it('ends each period on the last day of its last month, leap years included', () => {
    expect(periodEnd('2027-01-01', 'monthly')).toBe('2027-01-31');
    expect(periodEnd('2028-02-01', 'monthly')).toBe('2028-02-29');
    expect(periodEnd('2027-01-01', 'quarterly')).toBe('2027-03-31');
    expect(periodEnd('2027-11-01', 'quarterly')).toBe('2028-01-31');
    expect(periodEnd('2027-07-01', 'sixMonthly')).toBe('2027-12-31');
    expect(periodEnd('2027-04-01', 'yearly')).toBe('2028-03-31');
    expect(periodEnd('2027-01-15', 'monthly')).toBeNull();
  });

  it('tells overlapping periods apart from neighbours', () => {
    const q1 = { periodStart: '2027-01-01', periodEnd: '2027-03-31' };
    expect(overlaps(q1, { periodStart: '2027-03-01', periodEnd: '2027-05-31' })).toBe(true);
    expect(overlaps(q1, { periodStart: '2027-04-01', periodEnd: '2027-06-30' })).toBe(false);
  });

  it('compares with the target exactly, in the direction that is better', () => {
    expect(meetsTarget('80', '80.0', 'atLeast')).toBe(true);
    expect(meetsTarget('79.999999', '80', 'atLeast')).toBe(false);
    expect(meetsTarget('10', '10', 'atMost')).toBe(true);
    expect(meetsTarget('10.5', '10', 'atMost')).toBe(false);
  });
});
