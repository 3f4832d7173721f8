import { leasesRepository } from '../db/repositories/leases';
import { requestRemindersRepository } from '../db/repositories/request-reminders';
import { waitingRequestsRepository } from '../db/repositories/waiting-requests';
import { startReminders as startReminderTimer } from '../domain/reminders/runner';
import type { ReminderDeps } from '../domain/reminders/send-reminders';
import { reminderNotifier } from '../slack/notify/reminder-notifier';
import type { Services } from './services';

/** What a reminders pass needs, from the app's services. */
export function reminderDeps(services: Services): ReminderDeps {
  const models = services.db.models;
  return {
    clock: services.clock,
    waiting: waitingRequestsRepository(models),
    finance: services.finance,
    store: requestRemindersRepository(models),
    notifier: reminderNotifier({
      slack: services.slack,
      outbox: services.slackOutbox.outbox,
      logger: services.logger,
    }),
    policy: services.config.policy,
    timeZone: services.config.reporting.timeZone,
    logger: services.logger,
  };
}

/** The reminders timer of this replica; whichever replica holds the lease sends them. */
export function startReminders(services: Services, options: { intervalMs?: number } = {}) {
  return startReminderTimer({
    reminders: reminderDeps(services),
    leases: leasesRepository(services.db.models),
    clock: services.clock,
    logger: services.logger,
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
  });
}
