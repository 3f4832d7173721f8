import type { App } from '@slack/bolt';
import type { Config } from '../config';
import { connectDatabase, type Database } from '../db/connection';
import { leasesRepository } from '../db/repositories/leases';
import { startAuditCheckpoints } from '../domain/audit/checkpoint-runner';
import { auditLostRunApprovals } from '../domain/batch/approve-run';
import { startRunWatch } from '../domain/batch/resume-run';
import { startReconciler } from '../domain/reconciler/runner';
import { dualApprovalWarning } from '../domain/requests/conflict-of-interest';
import { taxReconcilePass } from '../domain/tax/tax-pass';
import { featureRoutes } from '../http';
import { createLogger, type Logger } from '../logger';
import { reconcilerMetrics } from '../metrics/reconciler';
import { buildSlackApp, listen } from '../slack/app';
import type { SlackSenderOptions } from '../slack/outbox/sender';
import { type Operations, startOperations } from './operations';
import { startReminders } from './reminders';
import { createServices, type Services } from './services';
import { registerStripeEventHandlers } from './webhooks';

export type RunningPaydesk = {
  url: string;
  port: number;
  services: Services;
  /** The Bolt app, e.g. for a test to see what reaches the listeners. */
  slackApp: App;
  /** Metrics gauges, the stuck-money alarm, the METRICS_PORT listener (src/app/operations.ts). */
  operations: Operations;
  /** This replica's reconciler, when RECONCILE_INTERVAL_SECONDS is not 0 (tests run passes with it). */
  reconciler?: { holder: string; runOnce(): Promise<boolean> };
  stop(): Promise<void>;
};

/**
 * config → database → services → Bolt app → listening. Production, tests and the demo all
 * start Paydesk through here; only the configuration differs.
 */
export async function startPaydesk(
  config: Config,
  options: {
    logger?: Logger;
    db?: Database;
    dbName?: string;
    clock?: () => Date;
    port?: number;
    /** The Slack sender's pace and claim time (default: Slack's documented limits). */
    slackOutbox?: Partial<SlackSenderOptions>;
    /** How often this replica looks for events other replicas stored or let lapse (default 2 s). */
    stripeInboxPollMs?: number;
  } = {},
): Promise<RunningPaydesk> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const ownsDb = options.db === undefined;
  const db =
    options.db ??
    (await connectDatabase({
      uri: config.mongodbUri,
      dbName: options.dbName,
      logger,
      serverSelectionTimeoutMS: config.mongodbServerSelectionTimeoutMs,
    }));
  const services = createServices(config, {
    logger,
    db,
    clock: options.clock,
    slackOutbox: options.slackOutbox,
  });
  await warnIfDualApprovalCannotBeMet(services, logger);
  registerStripeEventHandlers(services);
  const { app, receiver } = buildSlackApp(services, featureRoutes(services));
  const { port } = await listen(receiver, options.port ?? config.port);
  logger.info({ port }, 'Paydesk is listening');
  startRunWatch(services.batchDeps);
  services.slackOutbox.sender.start();
  // Events stored before a restart, retries due, and claims another replica let lapse.
  services.stripeInbox.kick();
  const inboxWatch = setInterval(
    () => services.stripeInbox.kick(),
    options.stripeInboxPollMs ?? STRIPE_INBOX_POLL_MS,
  );
  inboxWatch.unref();
  const reconciler =
    config.reconcileIntervalSeconds > 0
      ? startReconciler({
          reconcile: {
            topups: services.topupDeps,
            transfers: services.transferDeps,
            auditLostApprovalsOf: [auditLostRunApprovals(services.batchDeps)],
            checks: [taxReconcilePass(services.taxDeps)],
          },
          leases: leasesRepository(db.models),
          clock: services.clock,
          logger,
          intervalMs: config.reconcileIntervalSeconds * 1000,
          metrics: reconcilerMetrics(services.metrics.reconciler),
        })
      : undefined;
  // Reminders to approvers of waiting requests, on the replicas that run the reconciler (which
  // expires those requests), sent by whichever of them holds the reminders lease.
  const reminders = config.reconcileIntervalSeconds > 0 ? startReminders(services) : undefined;
  // The daily checkpoint of the audit chain, posted by whichever replica holds its lease.
  const auditCheckpoints = startAuditCheckpoints({
    audit: services.audit,
    leases: leasesRepository(db.models),
    clock: services.clock,
    logger,
  });
  const operations = await startOperations(services, { reconcilerHolder: reconciler?.holder });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    services,
    slackApp: app,
    operations,
    reconciler,
    async stop() {
      clearInterval(inboxWatch);
      services.stripeInbox.stop();
      await reconciler?.stop();
      await reminders?.stop();
      await auditCheckpoints.stop();
      await operations.stop();
      await app.stop().catch(() => {});
      await services.batchDeps.control.halt();
      await services.background.drain();
      await services.slackOutbox.sender.stop();
      if (ownsDb) await db.close();
    },
  };
}

/** How often each replica looks for inbox events it was not told about. */
const STRIPE_INBOX_POLL_MS = 2_000;

/** A policy that needs more approvers than the finance set has is said at start-up, not discovered later. */
async function warnIfDualApprovalCannotBeMet(services: Services, logger: Logger): Promise<void> {
  const { policy } = services.config;
  const members = await services.finance.members().catch(() => undefined);
  if (!members) return;
  const warning = dualApprovalWarning(members.length, {
    dualApprovalAboveCents: policy.dualApprovalAboveCents,
    largestRequestCents: Math.max(
      policy.maxTopupCents,
      policy.maxTransferCents,
      policy.dailyTransferCapCents,
    ),
  });
  if (warning) logger.warn({ financeMembers: members.length }, warning);
}
