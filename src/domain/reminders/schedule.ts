import { isSameDay, startOfDay } from 'date-fns';
import { businessDayBefore, businessHoursPassed, inBusinessHours } from './business-hours';

/** What was sent about one waiting request so far (stored, see ports.ts). */
export type ReminderState = { sent: number; lastRemindedAt: Date | null; lastWarningAt: Date | null };

export const NOTHING_SENT: ReminderState = { sent: 0, lastRemindedAt: null, lastWarningAt: null };

/**
 * Which reminder, if any, is due now for a request still waiting for approval:
 * - nothing outside business hours, and nothing before it waited `afterBusinessHours` of them;
 * - then one reminder a business day (never two on one day);
 * - on the business day before the day it expires, the last warning instead, and nothing after it.
 * Pure: the caller claims the reminder in storage before sending it.
 */
export function reminderDue(input: {
  requestedAt: Date;
  expiresAt: Date | null;
  now: Date;
  state: ReminderState;
  afterBusinessHours: number;
}): 'reminder' | 'last_warning' | undefined {
  const { now, expiresAt, state } = input;
  if (!inBusinessHours(now)) return undefined;
  if (expiresAt && now >= expiresAt) return undefined;
  if (state.lastWarningAt) return undefined;
  if (state.lastRemindedAt && isSameDay(state.lastRemindedAt, now)) return undefined;
  if (state.sent === 0 && !businessHoursPassed(input.requestedAt, now, input.afterBusinessHours))
    return undefined;
  if (expiresAt && startOfDay(now) >= businessDayBefore(expiresAt)) return 'last_warning';
  return 'reminder';
}
