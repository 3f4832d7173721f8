import type { WebClient } from '@slack/web-api';
import { systemClock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/connection';
import { payoutRunDraftsRepository } from '../db/repositories/payout-run-drafts';
import { batchWriterDirectory, payoutRunsRepository } from '../db/repositories/payout-runs';
import { mongoStripePace } from '../db/stripe-pace';
import type { AuditLog } from '../domain/audit/audit-log';
import type { BatchDeps } from '../domain/batch/deps';
import { pacedGateway, RunControl } from '../domain/batch/pacer';
import type { TransferDeps } from '../domain/transfers/deps';
import type { Logger } from '../logger';
import { batchNotifier } from '../slack/notify/batch-notifier';
import { slackPeopleDirectory } from '../slack/people';
import { slackUploadedFiles } from '../slack/uploaded-files';
import type { StripeGateway } from '../stripe/gateway';

/** Lines in flight at once; the pace (not this) sets the rate. */
export const BATCH_CONCURRENCY = 8;
export const BATCH_LEASE_MS = 30_000;

/**
 * Wires payout runs to the database, Slack and a Stripe gateway paced by the rate all replicas
 * share (built once per app). The lines go through the transfer use case's own deps, with only
 * the gateway swapped for the paced one, so a line is submitted exactly like a single transfer.
 */
export function createBatchDeps(input: {
  config: Config;
  db: Database;
  slack: WebClient;
  gateway: StripeGateway;
  audit: AuditLog;
  clock: () => Date;
  logger: Logger;
  transferDeps: TransferDeps;
  background: (name: string, task: () => Promise<unknown>) => void;
}): BatchDeps {
  const { config, logger } = input;
  const control = new RunControl(logger, input.background);
  // One pace for every replica and run: its counters are in MongoDB.
  const pace = mongoStripePace({
    connection: input.db.connection,
    perSecond: config.stripe.rateLimitPerSecond,
    now: () => systemClock().getTime(),
  });
  const paced = pacedGateway(input.gateway, pace, control);
  return {
    runs: payoutRunsRepository(input.db.models, input.clock),
    writers: batchWriterDirectory(input.db.models),
    people: slackPeopleDirectory(input.slack, { clock: input.clock }),
    files: slackUploadedFiles(input.slack, config.slack.botToken),
    drafts: payoutRunDraftsRepository(input.db.models),
    lineDeps: { ...input.transferDeps, stripe: paced },
    stripe: paced,
    topups: input.transferDeps.topups,
    dailyTotals: input.transferDeps.dailyTotals,
    notifier: batchNotifier({ slack: input.slack, channelId: config.finance.channelId, logger }),
    control,
    audit: input.audit,
    clock: input.clock,
    logger,
    policy: {
      maxTransferCents: config.policy.maxTransferCents,
      dualApprovalAboveCents: config.policy.dualApprovalAboveCents,
      dailyTransferCapCents: config.policy.dailyTransferCapCents,
      requestExpiryDays: config.policy.requestExpiryDays,
      stripeRatePerSecond: config.stripe.rateLimitPerSecond,
      concurrency: BATCH_CONCURRENCY,
      leaseMs: BATCH_LEASE_MS,
      unknownOutcomeRetries: 6,
      retryBaseMs: 500,
    },
  };
}
