import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { inLondon } from './london-time.js';

/**
 * The calendars working days are counted in. PA23 s.123: any day but a weekend, Christmas Day,
 * Good Friday or a bank holiday "in any part of the United Kingdom", so Scotland's 2 January,
 * St Andrew's Day and Northern Ireland's St Patrick's Day and 12 July count too. The NHS PSR
 * applies in England, and its working days exclude England's bank holidays only.
 */
export type CalendarId = 'uk' | 'england';

export interface Calendar {
  id: CalendarId;
  /** What a commissioner or auditor reads next to a standstill end. */
  label: string;
  /** date-holidays regions of GB whose bank holidays are not working days (Wales shares England's). */
  regions: readonly string[];
}

export const CALENDARS: Record<CalendarId, Calendar> = {
  uk: {
    id: 'uk',
    label: 'UK working days (PA23 s.123): bank holidays in England and Wales, Scotland and Northern Ireland excluded',
    regions: ['ENG', 'SCT', 'NIR'],
  },
  england: {
    id: 'england',
    label: "England working days (NHS PSR): England's bank holidays excluded",
    regions: ['ENG'],
  },
};

// The holidays come from a maintained library (including substitute days such as
// Monday 28 Dec 2026 for Boxing Day on a Saturday), not a typed list. Only `public`
// holidays count: the library also lists observances such as Mother's Day.
const regionCalendars = new Map<string, Holidays>();
const bankHolidaysByYear = new Map<string, ReadonlySet<string>>();

function bankHolidays(calendar: CalendarId, year: number): ReadonlySet<string> {
  const key = `${calendar}/${year}`;
  let days = bankHolidaysByYear.get(key);
  if (!days) {
    days = new Set(
      CALENDARS[calendar].regions.flatMap((region) => {
        let holidays = regionCalendars.get(region);
        if (!holidays) regionCalendars.set(region, (holidays = new Holidays('GB', region)));
        return holidays
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10)); // "2026-12-28 00:00:00" is a local date
      }),
    );
    bankHolidaysByYear.set(key, days);
  }
  return days;
}

/** The London calendar day of an ISO date or instant, at its London midnight. */
function londonDay(dateOrInstant: string): DateTime {
  return inLondon(dateOrInstant).startOf('day');
}

function isoDate(day: DateTime): string {
  return day.toFormat('yyyy-MM-dd');
}

function isWorking(day: DateTime, calendar: CalendarId): boolean {
  return day.weekday <= 5 && !bankHolidays(calendar, day.year).has(isoDate(day));
}

/** Whether the London calendar day of `dateOrInstant` is a working day in `calendar`. */
export function isWorkingDay(dateOrInstant: string, calendar: CalendarId): boolean {
  return isWorking(londonDay(dateOrInstant), calendar);
}

/**
 * The London date (YYYY-MM-DD) of the `days`-th working day strictly after the
 * day of `dateOrInstant`; 0 days gives that day itself. Counting strictly after
 * makes the function composable: adding n then m is adding n + m.
 */
export function addWorkingDays(dateOrInstant: string, days: number, calendar: CalendarId): string {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`Working days must be a whole number of at least 0, not ${days}`);
  }
  let day = londonDay(dateOrInstant);
  for (let counted = 0; counted < days; ) {
    day = day.plus({ days: 1 });
    if (isWorking(day, calendar)) counted += 1;
  }
  return isoDate(day);
}

export interface StandstillConvention {
  /**
   * false: PA23 s.51 - "a period of eight working days beginning with the day
   * on which the contract award notice is published": the notice day is day 1
   * when it is a working day (a notice on a Saturday or bank holiday starts the
   * count on the next working day).
   * true: PSR - the standstill runs for 8 working days from the day after the
   * notice (and the 5 days after a review from the day after the review), so the
   * notice day never counts.
   */
  startsDayAfter: boolean;
  /** The calendar whose working days are counted. */
  calendar: CalendarId;
}

/**
 * The instant (UTC ISO) at which a standstill of `days` working days ends:
 * London midnight at the start of the day after its last working day. The
 * contract may be entered into from that instant on.
 */
export function standstillEnd(noticeAt: string, days: number, convention: StandstillConvention): string {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`A standstill lasts at least 1 working day, not ${days}`);
  }
  const noticeDay = londonDay(noticeAt);
  // "Beginning with" the notice day is the same as counting after the day before it.
  const countAfter = convention.startsDayAfter ? noticeDay : noticeDay.minus({ days: 1 });
  const lastDay = londonDay(addWorkingDays(isoDate(countAfter), days, convention.calendar));
  return lastDay.plus({ days: 1 }).startOf('day').toUTC().toISO({ suppressMilliseconds: true })!;
}
