import { WebClient } from '@slack/web-api';
import type Stripe from 'stripe';
import type { Config } from './config';
import type { Database } from './db/connection';
import { auditEventsRepository } from './db/repositories/audit-events';
import { stripeEventsRepository } from './db/repositories/stripe-events';
import { type AuditLog, auditLog } from './domain/audit/audit-log';
import { BackgroundTasks } from './domain/background-tasks';
import { type CrashSwitch, crashSwitch } from './domain/crash-points';
import { type FinanceMembers, financeMembers } from './domain/finance-members';
import { StripeEventHandlers } from './domain/webhooks/registry';
import type { Logger } from './logger';
import { createStripeClient } from './stripe/client';

/** Everything a listener or route needs, built once per app instance and passed down. */
export type Services = {
  config: Config;
  logger: Logger;
  db: Database;
  stripe: Stripe;
  slack: WebClient;
  clock: () => Date;
  background: BackgroundTasks;
  crash: CrashSwitch;
  stripeEventHandlers: StripeEventHandlers;
  stripeEvents: ReturnType<typeof stripeEventsRepository>;
  audit: AuditLog;
  finance: FinanceMembers;
};

export function createServices(config: Config, options: { logger: Logger; db: Database; clock?: () => Date }): Services {
  const clock = options.clock ?? (() => new Date());
  const slack = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    logger: undefined,
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2000 },
  });
  return {
    config,
    logger: options.logger,
    db: options.db,
    stripe: createStripeClient({ secretKey: config.stripe.secretKey, apiBase: config.stripe.apiBase }),
    slack,
    clock,
    background: new BackgroundTasks(options.logger),
    crash: crashSwitch(config.crashAt),
    stripeEventHandlers: new StripeEventHandlers(),
    stripeEvents: stripeEventsRepository(options.db.models),
    audit: auditLog({ store: auditEventsRepository(options.db.models), clock }),
    finance: financeMembers({
      userIds: config.finance.userIds,
      usergroupId: config.finance.usergroupId,
      clock,
      listUsergroupMembers: async (usergroup) => {
        const result = await slack.usergroups.users.list({ usergroup });
        return result.users ?? [];
      },
    }),
  };
}
