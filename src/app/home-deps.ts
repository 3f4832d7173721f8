import { ownRequestsRepository } from '../db/repositories/own-requests';
import { waitingRequestsRepository } from '../db/repositories/waiting-requests';
import type { HomeDeps } from '../domain/home/ports';
import { writerYearToDate } from '../domain/tax/year-to-date';
import type { Services } from './services';

/** What App Home reads, from the services every listener already has: nothing new is stored. */
export function homeDeps(services: Services): HomeDeps {
  const models = services.db.models;
  return {
    clock: services.clock,
    finance: services.finance,
    waiting: waitingRequestsRepository(models),
    ownRequests: ownRequestsRepository(models),
    balance: () => services.gateway.balance(),
    topups: services.topupDeps.topups,
    transfers: services.transferDeps.transfers,
    writers: services.onboardingDeps.writers,
    audit: services.audit,
    yearToDate: (input) => writerYearToDate({ transfers: services.transferDeps.transfers }, input),
    reportingTimeZone: services.config.reporting.timeZone,
    policy: services.config.policy,
  };
}
