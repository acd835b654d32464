import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addWorkingDays, isWorkingDay, standstillEnd, type CalendarId } from './working-days.js';

// Bank holidays as published on gov.uk/bank-holidays for each jurisdiction (weekdays only; a
// holiday on a weekend is replaced by the substitute day listed).
const PUBLISHED: Record<'englandAndWales' | 'scotland' | 'northernIreland', Record<number, string[]>> = {
  englandAndWales: {
    2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
    2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
  },
  scotland: {
    2026: ['2026-01-01', '2026-01-02', '2026-04-03', '2026-05-04', '2026-05-25', '2026-08-03', '2026-11-30', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-01-04', '2027-03-26', '2027-05-03', '2027-05-31', '2027-08-02', '2027-11-30', '2027-12-27', '2027-12-28'],
    2028: ['2028-01-03', '2028-01-04', '2028-04-14', '2028-05-01', '2028-05-29', '2028-08-07', '2028-11-30', '2028-12-25', '2028-12-26'],
  },
  northernIreland: {
    2026: ['2026-01-01', '2026-03-17', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-07-13', '2026-08-31', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-03-17', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-07-12', '2027-08-30', '2027-12-27', '2027-12-28'],
    2028: ['2028-01-03', '2028-03-17', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-07-12', '2028-08-28', '2028-12-25', '2028-12-26'],
  },
};

const YEARS = [2026, 2027, 2028];
const union = (...lists: string[][]) => [...new Set(lists.flat())].sort();
const EXPECTED: Record<CalendarId, (year: number) => string[]> = {
  england: (year) => PUBLISHED.englandAndWales[year],
  uk: (year) => union(PUBLISHED.englandAndWales[year], PUBLISHED.scotland[year], PUBLISHED.northernIreland[year]),
};

const PA23 = { startsDayAfter: false, calendar: 'uk' } as const; // beginning with the notice day, UK-wide
const PSR = { startsDayAfter: true, calendar: 'england' } as const; // from the day after the notice, England

function nonWorkingWeekdays(year: number, calendar: CalendarId): string[] {
  const days: string[] = [];
  for (let day = DateTime.utc(year, 1, 1); day.year === year; day = day.plus({ days: 1 })) {
    const iso = day.toFormat('yyyy-MM-dd');
    if (day.weekday <= 5 && !isWorkingDay(iso, calendar)) days.push(iso);
  }
  return days;
}

describe.each(['england', 'uk'] as const)('working days in the %s calendar', (calendar) => {
  it.each(YEARS)('the weekdays that are not working days in %i are exactly the published bank holidays', (year) => {
    expect(nonWorkingWeekdays(year, calendar)).toEqual(EXPECTED[calendar](year));
  });

  it('weekends are not working days; Christmas Eve and the days between the holidays are', () => {
    expect(isWorkingDay('2026-12-26', calendar)).toBe(false); // Saturday, Boxing Day
    expect(isWorkingDay('2026-12-27', calendar)).toBe(false); // Sunday
    expect(isWorkingDay('2026-12-24', calendar)).toBe(true); // Christmas Eve, a Thursday
    expect(isWorkingDay('2027-12-29', calendar)).toBe(true); // after the two substitute days
  });

  it('reads an instant as its London calendar day', () => {
    // 23:30 UTC on Sunday 3 May 2026 is 00:30 BST on the early May bank holiday.
    expect(isWorkingDay('2026-05-03T23:30:00Z', calendar)).toBe(false);
    // 23:30 UTC on Monday 4 May 2026 is already Tuesday 5 May in London.
    expect(isWorkingDay('2026-05-04T23:30:00Z', calendar)).toBe(true);
  });
});

describe('the two calendars differ only by the holidays of Scotland and Northern Ireland', () => {
  it.each([
    ['2026-11-30', "St Andrew's Day"],
    ['2027-01-04', '2 January (substitute day), Scotland'],
    ['2027-03-17', "St Patrick's Day"],
    ['2027-07-12', 'Battle of the Boyne'],
    ['2026-08-03', 'Summer bank holiday, Scotland'],
    ['2026-07-13', 'Battle of the Boyne (substitute day)'],
  ])('%s (%s) is a working day in England but not UK-wide', (date) => {
    expect(isWorkingDay(date, 'england')).toBe(true);
    expect(isWorkingDay(date, 'uk')).toBe(false);
  });

  it('Easter Monday is a holiday in both (England and Wales, Northern Ireland), though not in Scotland', () => {
    expect(isWorkingDay('2027-03-29', 'england')).toBe(false);
    expect(isWorkingDay('2027-03-29', 'uk')).toBe(false);
  });

  it('adds working days strictly after the start day, skipping weekends and bank holidays', () => {
    expect(addWorkingDays('2026-12-24', 1, 'england')).toBe('2026-12-29'); // over Christmas and the Boxing Day substitute
    expect(addWorkingDays('2026-12-31', 1, 'england')).toBe('2027-01-04'); // over New Year's Day and the weekend
    expect(addWorkingDays('2026-12-31', 1, 'uk')).toBe('2027-01-05'); // and over Scotland's 2 January substitute
    expect(addWorkingDays('2026-04-02', 1, 'uk')).toBe('2026-04-07'); // over Good Friday and Easter Monday
    expect(addWorkingDays('2026-04-02', 0, 'uk')).toBe('2026-04-02');
    expect(() => addWorkingDays('2026-04-02', -1, 'uk')).toThrow(RangeError);
    expect(() => addWorkingDays('2026-04-02', 1.5, 'uk')).toThrow(RangeError);
  });
});

// The findings of the audit (issue #11): PA23 standstills that ended a day early under England's calendar.
describe('PA23 standstill counted UK-wide', () => {
  it.each([
    // Fri 27 Nov (1), Mon 30 St Andrew's Day, Tue 1 Dec (2), ..., Wed 9 (8)
    { notice: '2026-11-27T10:00:00Z', englandEnd: '2026-12-09T00:00:00Z', end: '2026-12-10T00:00:00Z' },
    // Tue 22 (1), Wed 23 (2), Thu 24 (3), 25 and 28 hol, Tue 29 (4), Wed 30 (5), Thu 31 (6), Fri 1 hol,
    // Mon 4 Jan Scotland's 2 January substitute, Tue 5 (7), Wed 6 (8)
    { notice: '2026-12-22T10:00:00Z', englandEnd: '2027-01-06T00:00:00Z', end: '2027-01-07T00:00:00Z' },
    // Fri 12 Mar (1), Mon 15 (2), Tue 16 (3), Wed 17 St Patrick's Day, Thu 18 (4), ..., Wed 24 (8)
    { notice: '2027-03-12T10:00:00Z', englandEnd: '2027-03-24T00:00:00Z', end: '2027-03-25T00:00:00Z' },
    // Wed 7 Jul (1), Thu 8 (2), Fri 9 (3), Mon 12 the Twelfth, Tue 13 (4), ..., Mon 19 (8) -> midnight BST
    { notice: '2027-07-07T10:00:00+01:00', englandEnd: '2027-07-16T23:00:00Z', end: '2027-07-19T23:00:00Z' },
  ])('a notice on $notice ends at $end, a working day after the England-only count ($englandEnd)', ({ notice, end, englandEnd }) => {
    expect(standstillEnd(notice, 8, PA23)).toBe(end);
    expect(standstillEnd(notice, 8, { ...PA23, calendar: 'england' })).toBe(englandEnd);
  });
});

// Each end is London midnight at the start of the day after the 8th working day.
// Day-by-day counts are written out; "hol" marks a bank holiday, "we" a weekend.
describe('standstill end', () => {
  it.each([
    {
      name: 'Christmas 2026 into New Year 2027 (GMT), PA23',
      // Wed 23 Dec (1), Thu 24 (2), Fri 25 hol, we, Mon 28 hol, Tue 29 (3), Wed 30 (4), Thu 31 (5),
      // Fri 1 Jan hol, we, Mon 4 hol (2 January substitute, Scotland), Tue 5 (6), Wed 6 (7), Thu 7 (8)
      notice: '2026-12-23T10:00:00Z',
      convention: PA23,
      end: '2027-01-08T00:00:00Z',
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

  const calendars = fc.constantFrom<CalendarId>('uk', 'england');

  it('always lands on a working day, and adding n then n is adding 2n', () => {
    fc.assert(
      fc.property(dates, counts, calendars, (date, n, calendar) => {
        const once = addWorkingDays(date, n, calendar);
        expect(isWorkingDay(once, calendar)).toBe(true);
        expect(once > date).toBe(true);
        expect(addWorkingDays(once, n, calendar)).toBe(addWorkingDays(date, 2 * n, calendar));
      }),
    );
  });

  it('counts at least as many days UK-wide as in England: a UK-wide end is never earlier', () => {
    fc.assert(
      fc.property(dates, counts, fc.boolean(), (date, n, startsDayAfter) => {
        expect(Date.parse(standstillEnd(date, n, { startsDayAfter, calendar: 'uk' }))).toBeGreaterThanOrEqual(
          Date.parse(standstillEnd(date, n, { startsDayAfter, calendar: 'england' })),
        );
      }),
    );
  });

  it('ends a standstill at London midnight after a working day, with exactly n working days in the period', () => {
    fc.assert(
      fc.property(dates, counts, fc.integer({ min: 0, max: 24 * 60 - 1 }), fc.boolean(), calendars, (date, n, minute, startsDayAfter, calendar) => {
        const notice = londonDay(date).plus({ minutes: minute });
        const end = londonDay(standstillEnd(notice.toISO()!, n, { startsDayAfter, calendar }));
        expect(end.toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
        const lastDay = end.minus({ days: 1 });
        expect(isWorkingDay(lastDay.toISO()!, calendar)).toBe(true);
        // Count the working days in the period: from the notice day (PA23) or the day after (PSR).
        let counted = 0;
        for (let day = startsDayAfter ? notice.startOf('day').plus({ days: 1 }) : notice.startOf('day'); day < end; day = day.plus({ days: 1 })) {
          if (isWorkingDay(day.toISO()!, calendar)) counted += 1;
        }
        expect(counted).toBe(n);
      }),
    );
  });
});
