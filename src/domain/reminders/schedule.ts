import {
  businessDayBefore,
  businessHoursPassed,
  inBusinessHours,
  isSameDayIn,
  startOfDayIn,
} from './business-hours';

/** What was sent about one waiting request so far (stored, see ports.ts). */
export type ReminderState = {
  sent: number;
  lastRemindedAt: Date | null;
  lastWarningAt: Date | null;
  /**
   * False when reminder number `sent` was claimed and not known to be queued (its replica died,
   * or the queue failed): the next pass queues it again under the same number.
   */
  queued?: boolean;
};

export const NOTHING_SENT: ReminderState = { sent: 0, lastRemindedAt: null, lastWarningAt: null };

/**
 * Which reminder, if any, is due now for a request still waiting for approval:
 * - nothing outside business hours, and nothing before it waited `afterBusinessHours` of them;
 * - then one reminder a business day (never two on one day);
 * - on the business day before the day it expires, the last warning instead, and nothing after it
 *   (until its expiry moves later: then daily reminders and a last warning again).
 * Pure: the caller claims the reminder in storage before sending it.
 */
export function reminderDue(input: {
  requestedAt: Date;
  expiresAt: Date | null;
  now: Date;
  state: ReminderState;
  afterBusinessHours: number;
  /** Whose business hours and days (REPORTING_TIME_ZONE). */
  timeZone: string;
}): 'reminder' | 'last_warning' | undefined {
  const { now, expiresAt, state, timeZone } = input;
  if (!inBusinessHours(now, timeZone)) return undefined;
  if (expiresAt && now >= expiresAt) return undefined;
  // A warning for an earlier expiry (one approval of two restarts a request's week) does not
  // silence the reminders the new expiry is owed.
  if (state.lastWarningAt && warnedForThisExpiry(state.lastWarningAt, expiresAt, timeZone)) return undefined;
  if (state.lastRemindedAt && isSameDayIn(state.lastRemindedAt, now, timeZone)) return undefined;
  if (state.sent === 0 && !businessHoursPassed(input.requestedAt, now, input.afterBusinessHours, timeZone))
    return undefined;
  if (expiresAt && startOfDayIn(now, timeZone) >= businessDayBefore(expiresAt, timeZone))
    return 'last_warning';
  return 'reminder';
}

/** The last warning was sent within the days that warn of this expiry (no expiry: any warning). */
function warnedForThisExpiry(warnedAt: Date, expiresAt: Date | null, timeZone: string): boolean {
  if (!expiresAt) return true;
  return startOfDayIn(warnedAt, timeZone) >= businessDayBefore(expiresAt, timeZone);
}

/** Whether the reminder last claimed (number `sent`) was a last warning. */
export function lastClaimedWasWarning(state: ReminderState): boolean {
  return state.lastWarningAt !== null && state.lastWarningAt.getTime() === state.lastRemindedAt?.getTime();
}
