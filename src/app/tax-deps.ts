import type Stripe from 'stripe';
import type { Config } from '../config';
import type { Database } from '../db/connection';
import { leasesRepository } from '../db/repositories/leases';
import { taxAlertsRepository } from '../db/repositories/tax-alerts';
import { taxWritersRepository } from '../db/repositories/tax-writers';
import type { WritersStore } from '../domain/onboarding/types';
import type { SlackOutbox } from '../domain/ports/slack-outbox';
import type { TaxDeps } from '../domain/tax/deps';
import type { TaxLedger } from '../domain/tax/ports';
import type { Logger } from '../logger';
import { taxNotifier } from '../slack/notify/tax-notifier';
import { stripeTaxGateway } from '../stripe/tax-gateway';

/** How many writers each cross-check compares with Stripe, and how often it runs (across replicas). */
const CROSS_CHECK = { sampleSize: 5, everyMs: 60 * 60 * 1000 };

/** The year-end figures' collaborators (domain/tax): the transfers' ledger, writers, alerts, Stripe. */
export function createTaxDeps(input: {
  config: Config;
  db: Database;
  stripe: Stripe;
  outbox: SlackOutbox;
  transfers: TaxLedger;
  writers: WritersStore;
  clock: () => Date;
  logger: Logger;
}): TaxDeps {
  const models = input.db.models;
  return {
    transfers: input.transfers,
    writers: taxWritersRepository(models, input.writers),
    alerts: taxAlertsRepository(models),
    stripe: stripeTaxGateway(input.stripe),
    notifier: taxNotifier({ outbox: input.outbox, channelId: input.config.finance.channelId }),
    leases: leasesRepository(models),
    clock: input.clock,
    logger: input.logger,
    timeZone: input.config.reporting.timeZone,
    thresholds: input.config.reporting.taxThresholdsCents,
    crossCheck: CROSS_CHECK,
  };
}
