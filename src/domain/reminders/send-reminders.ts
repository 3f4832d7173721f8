import { subDays } from 'date-fns';
import type { Logger } from '../../logger';
import {
  expiresAt,
  pendingApprovers,
  type WaitingRequest,
  type WaitingRequestsSource,
  waitingKey,
} from '../requests/waiting';
import { inBusinessHours } from './business-hours';
import type { ReminderNotifier, ReminderStore } from './ports';
import { lastClaimedWasWarning, NOTHING_SENT, type ReminderState, reminderDue } from './schedule';

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
  /** Business hours and days are this zone's (REPORTING_TIME_ZONE), not the server's. */
  timeZone: string;
  logger: Pick<Logger, 'info' | 'warn'>;
};

export type ReminderReport = { reminded: string[]; lastWarnings: string[]; toldExpired: string[] };

/** Requests read per page: a pass goes through every one, however many are waiting. */
const PAGE = 200;

/**
 * One pass: nudges the approvers of every request that is due a reminder, and tells the requester
 * of each request that expired. Each send is claimed in storage (compare-and-set) before it is
 * queued, and queued under a stable key, so two replicas or two passes never send it twice; one
 * claimed and never queued (a failure in between) is queued by the next pass under the same
 * number. The list is read at the start of the pass, so each request is read again right before
 * its claim and again right before its DMs are queued: a request decided meanwhile gets none.
 */
export async function sendReminders(deps: ReminderDeps): Promise<ReminderReport> {
  const report: ReminderReport = { reminded: [], lastWarnings: [], toldExpired: [] };
  const now = deps.clock();
  if (!inBusinessHours(now, deps.timeZone)) return report;
  const members = await deps.finance.members();
  for await (const page of deps.waiting.pages(PAGE)) await remindPage(deps, page, members, now, report);
  await tellExpired(deps, now, report);
  if (Object.values(report).some((refs) => refs.length > 0)) deps.logger.info({ report }, 'reminders sent');
  return report;
}

function dueFor(deps: ReminderDeps, request: WaitingRequest, state: ReminderState, now: Date) {
  return reminderDue({
    requestedAt: request.requestedAt,
    expiresAt: expiresAt(request, deps.policy.requestExpiryDays),
    now,
    state,
    afterBusinessHours: deps.policy.remindAfterBusinessHours,
    timeZone: deps.timeZone,
  });
}

async function remindPage(
  deps: ReminderDeps,
  page: WaitingRequest[],
  members: string[],
  now: Date,
  report: ReminderReport,
): Promise<void> {
  const states = await deps.store.statesOf(page.map(waitingKey));
  for (const listed of page) {
    const key = waitingKey(listed);
    const state = states.get(key) ?? NOTHING_SENT;
    try {
      if (state.queued === false) {
        // Claimed by an earlier pass that never queued it: the same number, so the same DMs.
        const request = await deps.waiting.current(listed);
        const lastWarning = lastClaimedWasWarning(state);
        if (request) await queue(deps, request, members, { number: state.sent, lastWarning }, report);
        continue;
      }
      if (!dueFor(deps, listed, state, now)) continue;
      const request = await deps.waiting.current(listed);
      const due = request && dueFor(deps, request, state, now);
      // Nobody left who could approve it: its message already says so, and a DM would go nowhere.
      if (!request || !due || pendingApprovers(request, members).length === 0) continue;
      const lastWarning = due === 'last_warning';
      if (!(await deps.store.claim(key, state.sent, now, lastWarning))) continue;
      await queue(deps, request, members, { number: state.sent + 1, lastWarning }, report);
    } catch (error) {
      deps.logger.warn(
        { err: error, ref: listed.ref },
        'could not queue a reminder; the next pass queues it',
      );
    }
  }
}

/** Queues reminder `number` unless the request was decided meanwhile; then nothing is owed for it. */
async function queue(
  deps: ReminderDeps,
  request: WaitingRequest,
  members: string[],
  send: { number: number; lastWarning: boolean },
  report: ReminderReport,
): Promise<void> {
  const approvers = pendingApprovers(request, members);
  const queued =
    approvers.length > 0 &&
    (await deps.notifier.remind(
      {
        request,
        approvers,
        number: send.number,
        lastWarning: send.lastWarning,
        expiresAt: expiresAt(request, deps.policy.requestExpiryDays),
      },
      async () => (await deps.waiting.current(request)) !== undefined,
    ));
  await deps.store.markQueued(waitingKey(request), send.number);
  if (queued) (send.lastWarning ? report.lastWarnings : report.reminded).push(request.ref);
}

async function tellExpired(deps: ReminderDeps, now: Date, report: ReminderReport): Promise<void> {
  for await (const page of deps.waiting.expiredPages(subDays(now, EXPIRED_LOOKBACK_DAYS), PAGE)) {
    for (const request of page) {
      const key = waitingKey(request);
      try {
        if (!(await deps.store.claimExpiryNotice(key, now))) continue;
        await deps.notifier.expired(request, deps.policy.requestExpiryDays);
        await deps.store.markExpiryNoticeQueued(key);
        report.toldExpired.push(request.ref);
      } catch (error) {
        deps.logger.warn(
          { err: error, ref: request.ref },
          'could not tell a requester their request expired; the next pass tells them',
        );
      }
    }
  }
}
