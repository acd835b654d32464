import { DateTime } from 'luxon';

// Procurement deadlines are English legal dates, so days start and end in
// Europe/London (GMT in winter, BST in summer), not in UTC.
export const LONDON = 'Europe/London';

/** Parses an ISO instant (or a plain ISO date) as a time in London; throws on nonsense. */
export function inLondon(iso: string): DateTime {
  const time = DateTime.fromISO(iso, { zone: LONDON });
  if (!time.isValid) throw new RangeError(`Not an ISO date or time: "${iso}"`);
  return time;
}

/** Milliseconds since the epoch, for comparing instants written with any offset. */
export function instant(iso: string): number {
  return inLondon(iso).toMillis();
}

/** "24 Nov 2026 12:00", the London wall-clock time people read in a refusal. */
export function formatLondon(iso: string): string {
  return inLondon(iso).setLocale('en-GB').toFormat('d LLL yyyy HH:mm');
}
