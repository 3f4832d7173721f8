import { WebClient } from '@slack/web-api';
import type Stripe from 'stripe';
import { systemClock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/connection';
import { auditEventsRepository } from '../db/repositories/audit-events';
import { dailyTotalsRepository } from '../db/repositories/daily-totals';
import { slackRequestsRepository } from '../db/repositories/slack-requests';
import { stripeEventsRepository } from '../db/repositories/stripe-events';
import { topupsRepository } from '../db/repositories/topups';
import { transfersRepository } from '../db/repositories/transfers';
import { AnswersFirst } from '../domain/answers-first';
import { type AuditLog, auditLog } from '../domain/audit/audit-log';
import { BACKGROUND_LANES, BackgroundTasks } from '../domain/background-tasks';
import type { BatchDeps } from '../domain/batch/deps';
import { type CrashSwitch, crashSwitch } from '../domain/crash-points';
import { type FinanceMembers, financeMembers } from '../domain/finance-members';
import type { OnboardingDeps } from '../domain/onboarding/deps';
import type { SlackDirectory } from '../domain/onboarding/types';
import type { SlackRequestLedger } from '../domain/ports/slack-requests';
import type { ApproverDirectory } from '../domain/requests/ports';
import type { TaxDeps } from '../domain/tax/deps';
import { watchThreshold } from '../domain/tax/threshold-alert';
import type { TopupDeps } from '../domain/topups/deps';
import type { TransferDeps } from '../domain/transfers/deps';
import { type StripeInbox, stripeInbox } from '../domain/webhooks/inbox';
import { StripeEventHandlers } from '../domain/webhooks/registry';
import type { Logger } from '../logger';
import { createMetrics, type PaydeskMetrics } from '../metrics/metrics';
import { instrumentGateway } from '../metrics/stripe-calls';
import { webClientLogger } from '../slack/bolt-logger';
import { slackAuditCheckpoints } from '../slack/notify/audit-checkpoints';
import { slackDirectory } from '../slack/notify/onboarding-notifier';
import { topupNotifier } from '../slack/notify/topup-notifier';
import { transferNotifier } from '../slack/notify/transfer-notifier';
import type { SlackSenderOptions } from '../slack/outbox/sender';
import { cachedSlackDirectory } from '../slack/people';
import { createStripeClient } from '../stripe/client';
import { type StripeGateway, stripeGateway } from '../stripe/gateway';
import { createBatchDeps } from './batch-deps';
import { createOnboardingDeps } from './onboarding-deps';
import { createSlackOutbox, type SlackOutboxService } from './slack-outbox';
import { createTaxDeps } from './tax-deps';

/** Everything a listener or route needs, built once per app instance and passed down. */
/** Events this replica processes at once from the webhook inbox. */
export const STRIPE_INBOX_CONCURRENCY = 2;
/**
 * A worker that dies lets its claimed events go after this long; another replica takes them.
 * Longer than any handler runs (a Stripe call with stripe-node's retries), so none is taken twice.
 */
export const STRIPE_INBOX_CLAIM_MS = 120_000;

export type Services = {
  config: Config;
  logger: Logger;
  db: Database;
  stripe: Stripe;
  slack: WebClient;
  /** Alerts, message updates and DMs: stored, then sent paced by this replica's sender (src/slack/outbox). */
  slackOutbox: SlackOutboxService;
  clock: () => Date;
  background: BackgroundTasks;
  /** Answers owed by this replica's HTTP server; background work yields to them. */
  answersFirst: AnswersFirst;
  crash: CrashSwitch;
  stripeEventHandlers: StripeEventHandlers;
  stripeEvents: ReturnType<typeof stripeEventsRepository>;
  stripeInbox: StripeInbox;
  /** Slack requests already acted on, so a replay or a retry runs nothing (http/slack-replay-guard). */
  slackRequests: SlackRequestLedger;
  audit: AuditLog;
  finance: FinanceMembers;
  gateway: StripeGateway;
  topupDeps: TopupDeps;
  onboardingDeps: OnboardingDeps;
  transferDeps: TransferDeps;
  batchDeps: BatchDeps;
  /** Year-end figures: the 1099-NEC meter, statements, exports, threshold alerts (domain/tax). */
  taxDeps: TaxDeps;
  /** People's names and time zones from Slack (users.info), cached on the clock (src/slack/people.ts). */
  slackPeople: SlackDirectory;
  /** Prometheus metrics of this app instance (a registry of its own; src/metrics). */
  metrics: PaydeskMetrics;
};

export function createServices(
  config: Config,
  options: { logger: Logger; db: Database; clock?: () => Date; slackOutbox?: Partial<SlackSenderOptions> },
): Services {
  const clock = options.clock ?? systemClock;
  const slack = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    // Its lines (a 429 waited out, say) go through pino, redacted, like Bolt's.
    logger: webClientLogger(options.logger),
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2000 },
  });
  const logger = options.logger;
  const stripe = createStripeClient({
    secretKey: config.stripe.secretKey,
    apiBase: config.stripe.apiBase,
    timeoutMs: config.stripeTimeoutMs,
  });
  const metrics = createMetrics();
  // Every Stripe call counted by method and outcome (GET /metrics).
  const gateway = instrumentGateway(stripeGateway(stripe), metrics.stripe);
  const slackOutbox = createSlackOutbox({ config, db: options.db, logger, options: options.slackOutbox });
  const answersFirst = new AnswersFirst();
  const background = new BackgroundTasks(logger, BACKGROUND_LANES, answersFirst);
  const crash = crashSwitch(config.crashAt);
  if (!config.audit.hmacKey) {
    logger.warn(
      'AUDIT_HMAC_KEY is not set: new audit entries get a plain hash that anyone with database access can recompute',
    );
  }
  const audit = auditLog({
    store: auditEventsRepository(options.db.models),
    clock,
    key: config.audit.hmacKey,
    checkpoints: slackAuditCheckpoints({ slack, channelId: config.finance.channelId }),
    logger,
  });
  const finance = financeMembers({
    userIds: config.finance.userIds,
    usergroupId: config.finance.usergroupId,
    clock,
    listUsergroupMembers: async (usergroup) => {
      const result = await slack.usergroups.users.list({ usergroup });
      return result.users ?? [];
    },
  });
  const directory = slackDirectory(slack);
  const slackPeople = cachedSlackDirectory(directory, { clock });
  const approvers: ApproverDirectory = {
    financeMembers: () => finance.members(),
    emailOf: async (userId) => (await directory.byId(userId))?.email ?? null,
  };
  /** What every money use case shares: Stripe, the audit trail, time, crash points, logs, policy. */
  const moneyDeps = {
    stripe: gateway,
    audit,
    approvers,
    clock,
    crash,
    logger,
    policy: config.policy,
    // stripe-node tries three times (two network retries), each up to the timeout, with short back-offs.
    submissionTimeoutMs: config.stripeTimeoutMs * 3 + 10_000,
    // Stripe calls and the news after them, in their own lane: a hanging Stripe never holds up replies.
    defer: (name: string, task: () => Promise<unknown>) => background.run(name, task, 'stripe'),
  };
  const topupDeps: TopupDeps = {
    ...moneyDeps,
    topups: topupsRepository(options.db.models, clock),
    notifier: topupNotifier({
      slack,
      outbox: slackOutbox.outbox,
      channelId: config.finance.channelId,
      logger,
    }),
  };
  const onboardingDeps = createOnboardingDeps({
    config,
    db: options.db,
    slack,
    outbox: slackOutbox.outbox,
    gateway,
    audit,
    clock,
    logger,
  });
  const transferDeps: TransferDeps = {
    transfers: transfersRepository(options.db.models, clock),
    dailyTotals: dailyTotalsRepository(options.db.models),
    topups: topupDeps.topups,
    writers: onboardingDeps.writers,
    ...moneyDeps,
    notifier: transferNotifier({
      slack,
      outbox: slackOutbox.outbox,
      channelId: config.finance.channelId,
      logger,
    }),
  };
  const taxDeps = createTaxDeps({
    config,
    db: options.db,
    stripe,
    outbox: slackOutbox.outbox,
    transfers: transferDeps.transfers,
    writers: onboardingDeps.writers,
    clock,
    logger,
  });
  // Before the batch deps copy the transfer deps, so payout-run lines are watched too.
  transferDeps.afterPaid = (transfer) => watchThreshold(taxDeps, transfer);
  const batchDeps = createBatchDeps({
    config,
    db: options.db,
    slack,
    gateway,
    audit,
    clock,
    logger,
    transferDeps,
    background: (name, task) => background.runNow(name, task),
  });
  const stripeEventHandlers = new StripeEventHandlers();
  const stripeEvents = stripeEventsRepository(options.db.models);
  const stripeInboxWorker = stripeInbox({
    stripeEvents,
    handlers: stripeEventHandlers,
    clock,
    logger,
    crash,
    run: (name, task) => background.runNow(name, task),
    concurrency: STRIPE_INBOX_CONCURRENCY,
    wallClock: systemClock,
    claimMs: STRIPE_INBOX_CLAIM_MS,
    answersFirst,
  });
  return {
    config,
    logger,
    db: options.db,
    stripe,
    gateway,
    slack,
    slackOutbox,
    clock,
    background,
    answersFirst,
    crash,
    stripeEventHandlers,
    stripeEvents,
    stripeInbox: stripeInboxWorker,
    slackRequests: slackRequestsRepository(options.db.models),
    audit,
    finance,
    topupDeps,
    onboardingDeps,
    transferDeps,
    batchDeps,
    taxDeps,
    slackPeople,
    metrics,
  };
}
