import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addWorkingDays, isWorkingDay, standstillEnd } from './working-days.js';

// England and Wales bank holidays as published on gov.uk/bank-holidays.
const GOV_UK_BANK_HOLIDAYS: Record<number, string[]> = {
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

const PA23 = { startsDayAfter: false }; // beginning with the notice day
const PSR = { startsDayAfter: true }; // from the day after the notice

describe('working days in England and Wales', () => {
  it.each(Object.keys(GOV_UK_BANK_HOLIDAYS).map(Number))(
    'the weekdays that are not working days in %i are exactly the gov.uk bank holidays',
    (year) => {
      const nonWorkingWeekdays: string[] = [];
      for (let day = DateTime.utc(year, 1, 1); day.year === year; day = day.plus({ days: 1 })) {
        const iso = day.toFormat('yyyy-MM-dd');
        if (day.weekday <= 5 && !isWorkingDay(iso)) nonWorkingWeekdays.push(iso);
      }
      expect(nonWorkingWeekdays).toEqual(GOV_UK_BANK_HOLIDAYS[year]);
    },
  );

  it('weekends are not working days; Christmas Eve and the days between the holidays are', () => {
    expect(isWorkingDay('2026-12-26')).toBe(false); // Saturday, Boxing Day
    expect(isWorkingDay('2026-12-27')).toBe(false); // Sunday
    expect(isWorkingDay('2026-12-24')).toBe(true); // Christmas Eve, a Thursday
    expect(isWorkingDay('2027-12-29')).toBe(true); // after the two substitute days
  });

  it('reads an instant as its London calendar day', () => {
    // 23:30 UTC on Sunday 3 May 2026 is 00:30 BST on the early May bank holiday.
    expect(isWorkingDay('2026-05-03T23:30:00Z')).toBe(false);
    // 23:30 UTC on Monday 4 May 2026 is already Tuesday 5 May in London.
    expect(isWorkingDay('2026-05-04T23:30:00Z')).toBe(true);
  });

  it('adds working days strictly after the start day, skipping weekends and bank holidays', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29'); // over Christmas and the Boxing Day substitute
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04'); // over New Year's Day and the weekend
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07'); // over Good Friday and Easter Monday
    expect(addWorkingDays('2026-04-02', 0)).toBe('2026-04-02');
    expect(() => addWorkingDays('2026-04-02', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-04-02', 1.5)).toThrow(RangeError);
  });
});

// Each end is London midnight at the start of the day after the 8th working day.
// Day-by-day counts are written out; "hol" marks a bank holiday, "we" a weekend.
describe('standstill end', () => {
  it.each([
    {
      name: 'Christmas 2026 into New Year 2027 (GMT), PA23',
      // Wed 23 Dec (1), Thu 24 (2), Fri 25 hol, we, Mon 28 hol, Tue 29 (3), Wed 30 (4), Thu 31 (5),
      // Fri 1 Jan hol, we, Mon 4 (6), Tue 5 (7), Wed 6 (8)
      notice: '2026-12-23T10:00:00Z',
      convention: PA23,
      end: '2027-01-07T00:00:00Z',
    },
    {
      name: 'Christmas 2026 into New Year 2027 (GMT), PSR',
      // Thu 24 (1), Tue 29 (2), Wed 30 (3), Thu 31 (4), Mon 4 (5), Tue 5 (6), Wed 6 (7), Thu 7 (8)
      notice: '2026-12-23T10:00:00Z',
      convention: PSR,
      end: '2027-01-08T00:00:00Z',
    },
    {
      name: 'Easter 2026 (BST), PA23',
      // Wed 1 Apr (1), Thu 2 (2), Fri 3 hol, we, Mon 6 hol, Tue 7 (3), Wed 8 (4), Thu 9 (5), Fri 10 (6),
      // Mon 13 (7), Tue 14 (8) -> midnight BST starting Wed 15 Apr is 23:00 UTC on the 14th
      notice: '2026-04-01T09:00:00+01:00',
      convention: PA23,
      end: '2026-04-14T23:00:00Z',
    },
    {
      name: 'Easter 2026 (BST), PSR',
      // Thu 2 (1), Tue 7 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5), Mon 13 (6), Tue 14 (7), Wed 15 (8)
      notice: '2026-04-01T09:00:00+01:00',
      convention: PSR,
      end: '2026-04-15T23:00:00Z',
    },
    {
      name: 'Easter 2027, notice in GMT, end in BST, PA23',
      // Thu 25 Mar (1), Fri 26 hol, we (clocks go forward on the 28th), Mon 29 hol, Tue 30 (2), Wed 31 (3),
      // Thu 1 Apr (4), Fri 2 (5), Mon 5 (6), Tue 6 (7), Wed 7 (8)
      notice: '2027-03-25T14:00:00Z',
      convention: PA23,
      end: '2027-04-07T23:00:00Z',
    },
    {
      name: 'Easter 2027, notice in GMT, end in BST, PSR',
      // Tue 30 (1), Wed 31 (2), Thu 1 Apr (3), Fri 2 (4), Mon 5 (5), Tue 6 (6), Wed 7 (7), Thu 8 (8)
      notice: '2027-03-25T14:00:00Z',
      convention: PSR,
      end: '2027-04-08T23:00:00Z',
    },
    {
      name: 'notice on Saturday 2 May 2026, before the early May bank holiday, PA23',
      // Sat 2 (not a working day, so not day 1), Sun 3, Mon 4 hol, Tue 5 (1), Wed 6 (2), Thu 7 (3),
      // Fri 8 (4), Mon 11 (5), Tue 12 (6), Wed 13 (7), Thu 14 (8)
      notice: '2026-05-02T11:00:00+01:00',
      convention: PA23,
      end: '2026-05-14T23:00:00Z',
    },
    {
      name: 'notice on Saturday 2 May 2026, PSR gives the same end',
      notice: '2026-05-02T11:00:00+01:00',
      convention: PSR,
      end: '2026-05-14T23:00:00Z',
    },
    {
      name: 'notice on the summer bank holiday, Mon 31 Aug 2026, PA23',
      // Mon 31 hol (not day 1), Tue 1 Sep (1), Wed 2 (2), Thu 3 (3), Fri 4 (4), Mon 7 (5), Tue 8 (6),
      // Wed 9 (7), Thu 10 (8)
      notice: '2026-08-31T10:00:00+01:00',
      convention: PA23,
      end: '2026-09-10T23:00:00Z',
    },
    {
      name: 'notice on the summer bank holiday, Mon 31 Aug 2026, PSR gives the same end',
      notice: '2026-08-31T10:00:00+01:00',
      convention: PSR,
      end: '2026-09-10T23:00:00Z',
    },
    {
      name: 'early May 2027, PA23',
      // Thu 29 Apr (1), Fri 30 (2), we, Mon 3 May hol, Tue 4 (3), Wed 5 (4), Thu 6 (5), Fri 7 (6),
      // Mon 10 (7), Tue 11 (8)
      notice: '2027-04-29T12:00:00+01:00',
      convention: PA23,
      end: '2027-05-11T23:00:00Z',
    },
    {
      name: 'early May 2027, PSR',
      // Fri 30 (1), Tue 4 (2), Wed 5 (3), Thu 6 (4), Fri 7 (5), Mon 10 (6), Tue 11 (7), Wed 12 (8)
      notice: '2027-04-29T12:00:00+01:00',
      convention: PSR,
      end: '2027-05-12T23:00:00Z',
    },
    {
      name: 'summer bank holiday 2027, PA23',
      // Fri 27 Aug (1), we, Mon 30 hol, Tue 31 (2), Wed 1 Sep (3), Thu 2 (4), Fri 3 (5), Mon 6 (6),
      // Tue 7 (7), Wed 8 (8)
      notice: '2027-08-27T15:00:00+01:00',
      convention: PA23,
      end: '2027-09-08T23:00:00Z',
    },
    {
      name: 'summer bank holiday 2027, PSR',
      // Tue 31 (1), Wed 1 Sep (2), Thu 2 (3), Fri 3 (4), Mon 6 (5), Tue 7 (6), Wed 8 (7), Thu 9 (8)
      notice: '2027-08-27T15:00:00+01:00',
      convention: PSR,
      end: '2027-09-09T23:00:00Z',
    },
    {
      name: 'Christmas 2027 with two substitute days, PA23',
      // Mon 20 Dec (1), Tue 21 (2), Wed 22 (3), Thu 23 (4), Fri 24 (5), we, Mon 27 hol, Tue 28 hol,
      // Wed 29 (6), Thu 30 (7), Fri 31 (8) -> Saturday 1 Jan 2028, midnight GMT
      notice: '2027-12-20T09:30:00Z',
      convention: PA23,
      end: '2028-01-01T00:00:00Z',
    },
    {
      name: 'a notice at 00:30 BST counts from its London day (Wed 1 Jul 2026), not its UTC day (Tue 30 Jun)',
      // Wed 1 Jul (1), Thu 2 (2), Fri 3 (3), Mon 6 (4), Tue 7 (5), Wed 8 (6), Thu 9 (7), Fri 10 (8)
      notice: '2026-06-30T23:30:00Z',
      convention: PA23,
      end: '2026-07-10T23:00:00Z',
    },
  ])('$name', ({ notice, convention, end }) => {
    expect(standstillEnd(notice, 8, convention)).toBe(end);
  });

  it('after a PSR review completed on Wed 6 Jan 2027, waits 5 working days from the day after', () => {
    // Thu 7 (1), Fri 8 (2), Mon 11 (3), Tue 12 (4), Wed 13 (5)
    expect(standstillEnd('2027-01-06T15:00:00Z', 5, PSR)).toBe('2027-01-14T00:00:00Z');
  });

  it('refuses a standstill of no days', () => {
    expect(() => standstillEnd('2027-01-06T15:00:00Z', 0, PA23)).toThrow(RangeError);
  });
});

describe('working-day arithmetic, for any date and count', () => {
  const dates = fc
    .integer({ min: 0, max: 365 * 10 })
    .map((offset) => DateTime.utc(2024, 1, 1).plus({ days: offset }).toFormat('yyyy-MM-dd'));
  const counts = fc.integer({ min: 1, max: 40 });
  const londonDay = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });

  it('always lands on a working day, and adding n then n is adding 2n', () => {
    fc.assert(
      fc.property(dates, counts, (date, n) => {
        const once = addWorkingDays(date, n);
        expect(isWorkingDay(once)).toBe(true);
        expect(once > date).toBe(true);
        expect(addWorkingDays(once, n)).toBe(addWorkingDays(date, 2 * n));
      }),
    );
  });

  it('ends a standstill at London midnight after a working day, with exactly n working days in the period', () => {
    fc.assert(
      fc.property(dates, counts, fc.integer({ min: 0, max: 24 * 60 - 1 }), fc.boolean(), (date, n, minute, startsDayAfter) => {
        const notice = londonDay(date).plus({ minutes: minute });
        const end = londonDay(standstillEnd(notice.toISO()!, n, { startsDayAfter }));
        expect(end.toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
        const lastDay = end.minus({ days: 1 });
        expect(isWorkingDay(lastDay.toISO()!)).toBe(true);
        // Count the working days in the period: from the notice day (PA23) or the day after (PSR).
        let counted = 0;
        for (let day = startsDayAfter ? notice.startOf('day').plus({ days: 1 }) : notice.startOf('day'); day < end; day = day.plus({ days: 1 })) {
          if (isWorkingDay(day.toISO()!)) counted += 1;
        }
        expect(counted).toBe(n);
      }),
    );
  });
});
