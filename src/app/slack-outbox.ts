import { WebClient } from '@slack/web-api';
import { monotonicMs, systemClock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/connection';
import { slackOutboxRepository } from '../db/repositories/slack-outbox';
import type { SlackOutbox, SlackOutboxStore } from '../domain/ports/slack-outbox';
import type { Logger } from '../logger';
import { webClientLogger } from '../slack/bolt-logger';
import { slackOutbox } from '../slack/outbox/outbox';
import { SLACK_CALL_TIMEOUT_MS, SlackSender, type SlackSenderOptions } from '../slack/outbox/sender';

export type SlackOutboxService = { outbox: SlackOutbox; sender: SlackSender; store: SlackOutboxStore };

/**
 * The outbox of this replica: the shared collection, and a sender with a WebClient of its own that
 * neither waits out a 429 nor retries (the sender does both, stored, for every replica).
 */
export function createSlackOutbox(input: {
  config: Config;
  db: Database;
  logger: Logger;
  options?: Partial<SlackSenderOptions>;
}): SlackOutboxService {
  const client = new WebClient(input.config.slack.botToken, {
    slackApiUrl: input.config.slack.apiUrl,
    logger: webClientLogger(input.logger),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: SLACK_CALL_TIMEOUT_MS,
  });
  const store = slackOutboxRepository(input.db.models);
  // Real time, not the app's clock: Slack counts its limits, and claims lapse, in seconds that pass.
  const sender = new SlackSender({
    store,
    client,
    logger: input.logger,
    now: systemClock,
    monotonicMs,
    options: input.options,
  });
  return { outbox: slackOutbox(store, sender, systemClock), sender, store };
}
