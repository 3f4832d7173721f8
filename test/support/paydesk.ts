import { type RunningPaydesk, startPaydesk } from '../../src/app/server';
import type { Database } from '../../src/db/connection';
import { createLogger } from '../../src/logger';
import type { SlackSenderOptions } from '../../src/slack/outbox/sender';
import { testConfig } from './config';
import { connectTestDatabase } from './database';

export type TestPaydesk = RunningPaydesk & { db: Database };

/**
 * The real app on a random port, against a database of the shared test peer. Pass the same
 * `db` to two calls to get two replicas on one database.
 */
export async function startTestPaydesk(
  options: {
    env?: Record<string, string | undefined>;
    db?: Database;
    clock?: () => Date;
    port?: number;
    /** Where the app's log lines go (debug level), for tests that read them. */
    logTo?: { write(line: string): void };
    /** The Slack sender's pace and claim time (default: Slack's documented limits). */
    slackOutbox?: Partial<SlackSenderOptions>;
    /** How often the inbox looks for events it was not kicked for (default: production's). */
    stripeInboxPollMs?: number;
  } = {},
): Promise<TestPaydesk> {
  const db = options.db ?? (await connectTestDatabase());
  const config = testConfig(options.env);
  const paydesk = await startPaydesk(config, {
    db,
    port: options.port ?? 0,
    clock: options.clock,
    slackOutbox: options.slackOutbox,
    stripeInboxPollMs: options.stripeInboxPollMs,
    logger: options.logTo
      ? createLogger({ level: 'debug', destination: options.logTo })
      : createLogger({ level: process.env.PAYDESK_TEST_LOG_LEVEL ?? 'silent' }),
  });
  return {
    ...paydesk,
    db,
    async stop() {
      await paydesk.stop();
      if (!options.db) await db.close();
    },
  };
}
