import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { isTimeZone } from './tax/tax-year';

/**
 * The zone a person reads times in: Slack's `tz` for them (users.info), with Slack's `tz_label`
 * when it gave one ("Eastern Standard Time").
 */
export type ViewerZone = { timeZone: string; label: string };

/** `Nov 30, 2026 10:15 AM EST`: the wall clock in `timeZone`, with the zone named. */
export function zonedTime(at: Date, timeZone: string): string {
  const abbreviation =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  return `${format(new TZDate(at.getTime(), timeZone), 'MMM d, yyyy h:mm a')} ${abbreviation}`;
}

/** The start of calendar day `yyyy-mm-dd` (plus `days`) as a wall clock in `timeZone` reads it. */
export function startOfZonedDay(day: string, timeZone: string, days = 0): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date + days, timeZone).getTime());
}

/** The zone's long name at `at` ("Pacific Standard Time"), for when Slack gave no label. */
function longName(timeZone: string, at: Date): string {
  return (
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value ?? timeZone
  );
}

/**
 * The viewer's zone from what Slack said about them, else `fallback` (the reporting zone), so a
 * time is never shown without a zone; a zone this runtime does not know counts as none.
 */
export function viewerZone(
  profile: { timeZone: string | null; timeZoneLabel: string | null } | undefined,
  fallback: string,
  at: Date,
): ViewerZone {
  const timeZone = profile?.timeZone && isTimeZone(profile.timeZone) ? profile.timeZone : undefined;
  if (timeZone === undefined) return { timeZone: fallback, label: longName(fallback, at) };
  return { timeZone, label: profile?.timeZoneLabel || longName(timeZone, at) };
}
