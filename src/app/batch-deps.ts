import type { WebClient } from '@slack/web-api';
import type { Config } from '../config';
import type { Database } from '../db/connection';
import { batchWriterDirectory, payoutRunsRepository } from '../db/repositories/payout-runs';
import type { AuditLog } from '../domain/audit/audit-log';
import type { BatchDeps } from '../domain/batch/deps';
import { pacedGateway, RunControl, stripePacer } from '../domain/batch/pacer';
import type { TransferDeps } from '../domain/transfers/deps';
import type { Logger } from '../logger';
import { batchNotifier } from '../slack/notify/batch-notifier';
import type { StripeGateway } from '../stripe/gateway';

/** Lines in flight at once; the pace (not this) sets the rate. */
export const BATCH_CONCURRENCY = 8;
export const BATCH_LEASE_MS = 30_000;

/**
 * Wires payout runs to the database, Slack and a paced Stripe gateway (built once per app). The
 * lines go through the transfer use case's own deps, with only the gateway swapped for the paced
 * one, so a line is submitted exactly like a single transfer.
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
  const pacer = stripePacer({
    perSecond: config.stripe.rateLimitPerSecond,
    maxConcurrent: BATCH_CONCURRENCY,
  });
  const paced = pacedGateway(input.gateway, pacer, control);
  return {
    runs: payoutRunsRepository(input.db.models, input.clock),
    writers: batchWriterDirectory(input.db.models),
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
