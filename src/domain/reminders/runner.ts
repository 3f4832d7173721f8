import type { Logger } from '../../logger';
import { everyWithLease } from '../leased-timer';
import type { LeasesStore } from '../reconciler/ports';
import { type ReminderDeps, type ReminderReport, sendReminders } from './send-reminders';

export const REMINDERS_LEASE = 'reminders';
/** Reminders are due to the minute at most; a pass is a few indexed reads when nothing is due. */
export const REMINDERS_INTERVAL_MS = 60_000;

/** A reminders pass every interval on whichever replica holds the lease, like the reconciler. */
export function startReminders(deps: {
  reminders: ReminderDeps;
  leases: LeasesStore;
  clock: () => Date;
  logger: Logger;
  intervalMs?: number;
}) {
  return everyWithLease<ReminderReport>(
    deps,
    {
      lease: REMINDERS_LEASE,
      intervalMs: deps.intervalMs ?? REMINDERS_INTERVAL_MS,
      failure: 'reminders pass failed; will try again',
    },
    () => sendReminders(deps.reminders),
  );
}
