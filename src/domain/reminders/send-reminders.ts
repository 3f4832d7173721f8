import { subDays } from 'date-fns';
import type { Logger } from '../../logger';
import { expiresAt, pendingApprovers, type WaitingRequestsSource, waitingKey } from '../requests/waiting';
import { inBusinessHours } from './business-hours';
import type { ReminderNotifier, ReminderStore } from './ports';
import { NOTHING_SENT, reminderDue } from './schedule';

/**
 * How far back expired requests are looked for: their requester is told during business hours,
 * so one that expired before a long weekend is still told on the Tuesday after it.
 */
const EXPIRED_LOOKBACK_DAYS = 7;

export type ReminderDeps = {
  clock: () => Date;
  waiting: WaitingRequestsSource;
  finance: { members(): Promise<string[]> };
  store: ReminderStore;
  notifier: ReminderNotifier;
  policy: { requestExpiryDays: number; remindAfterBusinessHours: number };
  logger: Pick<Logger, 'info' | 'warn'>;
};

export type ReminderReport = { reminded: string[]; lastWarnings: string[]; toldExpired: string[] };

/**
 * One pass: nudges the approvers of every request that is due a reminder, and tells the requester
 * of each request that expired. Each send is claimed in storage (compare-and-set) before it is
 * queued, and queued under a stable key, so two replicas or two passes never send it twice; a
 * decided request is no longer waiting, so nothing is sent about it.
 */
export async function sendReminders(deps: ReminderDeps): Promise<ReminderReport> {
  const report: ReminderReport = { reminded: [], lastWarnings: [], toldExpired: [] };
  const now = deps.clock();
  if (!inBusinessHours(now)) return report;
  await remindApprovers(deps, now, report);
  await tellExpired(deps, now, report);
  if (Object.values(report).some((refs) => refs.length > 0)) deps.logger.info({ report }, 'reminders sent');
  return report;
}

async function remindApprovers(deps: ReminderDeps, now: Date, report: ReminderReport): Promise<void> {
  const [waiting, members] = await Promise.all([deps.waiting.waiting(), deps.finance.members()]);
  const states = await deps.store.statesOf(waiting.map(waitingKey));
  for (const request of waiting) {
    const key = waitingKey(request);
    const state = states.get(key) ?? NOTHING_SENT;
    const expires = expiresAt(request, deps.policy.requestExpiryDays);
    const due = reminderDue({
      requestedAt: request.requestedAt,
      expiresAt: expires,
      now,
      state,
      afterBusinessHours: deps.policy.remindAfterBusinessHours,
    });
    // Nobody left who could approve it: its message already says so, and a DM would go nowhere.
    const approvers = due ? pendingApprovers(request, members) : [];
    if (!due || approvers.length === 0) continue;
    try {
      const lastWarning = due === 'last_warning';
      if (!(await deps.store.claim(key, state.sent, now, lastWarning))) continue;
      await deps.notifier.remind({
        request,
        approvers,
        number: state.sent + 1,
        lastWarning,
        expiresAt: expires,
      });
      (lastWarning ? report.lastWarnings : report.reminded).push(request.ref);
    } catch (error) {
      deps.logger.warn(
        { err: error, ref: request.ref },
        'could not send a reminder; the next pass tries again',
      );
    }
  }
}

async function tellExpired(deps: ReminderDeps, now: Date, report: ReminderReport): Promise<void> {
  for (const request of await deps.waiting.expiredSince(subDays(now, EXPIRED_LOOKBACK_DAYS))) {
    try {
      if (!(await deps.store.claimExpiryNotice(waitingKey(request), now))) continue;
      await deps.notifier.expired(request, deps.policy.requestExpiryDays);
      report.toldExpired.push(request.ref);
    } catch (error) {
      deps.logger.warn({ err: error, ref: request.ref }, 'could not tell a requester their request expired');
    }
  }
}
