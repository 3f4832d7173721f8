import { randomBytes } from 'node:crypto';
import {
  type SlackLimitOptions,
  type SlackRequestSender,
  type SlackSimulator,
  startSlackSimulator,
} from '../../sandbox/slack';
import { type StripeSimulator, startStripeSimulator } from '../../sandbox/stripe';
import type { Database } from '../../src/db/connection';
import { freePort } from '../../src/db/peers/free-port';
import { SLACK_LIMITS, type SlackLimits } from '../../src/slack/outbox/limits';
import type { SlackSenderOptions } from '../../src/slack/outbox/sender';
import { FINANCE, FINANCE_CHANNEL, OUTSIDER, TEST_SECRETS } from './config';
import { connectTestDatabase } from './database';
import { startTestPaydesk, type TestPaydesk } from './paydesk';
import { ENV_MONGODB_URI } from './peers';

/** The outbox's pace when Slack's limits are off: as fast as the app can go. */
const UNPACED: SlackLimits = {
  perChannel: { perSecond: 1000, burst: 1000 },
  posts: { perSecond: 1000, burst: 1000 },
  updates: { perMinute: 60_000, burst: 1000 },
};

function slackLimitsFor(option: boolean | { updatesPerMinute: number } | undefined): {
  app: SlackLimits;
  simulator?: Partial<SlackLimitOptions>;
} {
  if (!option) return { app: UNPACED };
  if (option === true) return { app: SLACK_LIMITS, simulator: {} };
  const { updatesPerMinute } = option;
  return {
    app: { ...SLACK_LIMITS, updates: { ...SLACK_LIMITS.updates, perMinute: updatesPerMinute } },
    simulator: { perMinute: { 'chat.update': updatesPerMinute } },
  };
}

export const WRITER = { id: 'UWRITER01', email: 'writer.one@example.com', name: 'writer.one' };
export const WRITER_TWO = { id: 'UWRITER02', email: 'writer.two@example.com', name: 'writer.two' };

export type World = {
  slack: SlackSimulator;
  stripe: StripeSimulator;
  /** One connection per replica, all on the same database. */
  dbs: Database[];
  /** The environment another process needs to join this world as one more replica. */
  replicaEnv: Record<string, string>;
  apps: TestPaydesk[];
  app: TestPaydesk;
  /** Signed Slack requests to the first replica; `senders[i]` reaches replica i. */
  send: SlackRequestSender;
  senders: SlackRequestSender[];
  drain(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Slack and Stripe simulators, a fresh database and N replicas of the real app wired to them,
 * as production would be, only with different URLs.
 */
export async function startWorld(
  options: {
    replicas?: number;
    env?: Record<string, string | undefined>;
    clock?: () => Date;
    /** A database server of the test's own (to stop and restart it); default: the shared peer. */
    mongodbUri?: string;
    logTo?: { write(line: string): void };
    usergroups?: Record<string, string[]>;
    /**
     * Slack's rate limits: enforced by the simulator and paced by the apps' outboxes at Slack's
     * numbers (`true`, or with chat.update's tier scaled on both sides). Off by default: the
     * simulator takes everything and the outboxes send unpaced, so a test is not slowed down.
     */
    slackLimits?: boolean | { updatesPerMinute: number };
    /** Outbox settings (claim time, poll interval) for tests of the sender itself. */
    slackOutbox?: Partial<SlackSenderOptions>;
    /** The replicas' inbox watch (a test that needs an event to stay unprocessed until it says so). */
    stripeInboxPollMs?: number;
  } = {},
): Promise<World> {
  const slack = await startSlackSimulator({
    signingSecret: TEST_SECRETS.slackSigningSecret,
    botToken: TEST_SECRETS.slackBotToken,
    users: [
      { id: FINANCE.one, name: 'fin.one', realName: 'Fin One', email: 'fin.one@example.com' },
      { id: FINANCE.two, name: 'fin.two', realName: 'Fin Two', email: 'fin.two@example.com' },
      { id: FINANCE.three, name: 'fin.three', realName: 'Fin Three', email: 'fin.three@example.com' },
      { id: OUTSIDER, name: 'outsider', realName: 'Out Sider', email: 'outsider@example.com' },
      { id: WRITER.id, name: WRITER.name, realName: 'Writer One', email: WRITER.email },
      { id: WRITER_TWO.id, name: WRITER_TWO.name, realName: 'Writer Two', email: WRITER_TWO.email },
    ],
    channels: [{ id: FINANCE_CHANNEL, name: 'finance' }],
    usergroups: options.usergroups,
  });
  const limits = slackLimitsFor(options.slackLimits);
  if (limits.simulator) slack.enforceLimits(limits.simulator);
  const stripe = await startStripeSimulator({
    secretKey: TEST_SECRETS.stripeSecretKey,
    clock: options.clock,
  });
  const dbName = `w_${randomBytes(6).toString('hex')}`;
  const dbs: Database[] = [];
  const apps: TestPaydesk[] = [];
  for (let i = 0; i < (options.replicas ?? 1); i += 1) {
    const db = await connectTestDatabase(dbName, options.mongodbUri);
    dbs.push(db);
    const port = await freePort();
    apps.push(
      await startTestPaydesk({
        db,
        port,
        clock: options.clock,
        logTo: options.logTo,
        slackOutbox: { limits: limits.app, ...options.slackOutbox },
        stripeInboxPollMs: options.stripeInboxPollMs,
        env: {
          SLACK_API_URL: slack.apiUrl,
          SLACK_TEAM_ID: slack.teamId,
          STRIPE_API_BASE: stripe.url,
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          ...options.env,
        },
      }),
    );
  }
  const app = apps[0] as TestPaydesk;
  stripe.setWebhookEndpoint({
    url: `${app.url}/stripe/webhooks`,
    secret: TEST_SECRETS.stripeWebhookSecret,
    connectSecret: TEST_SECRETS.stripeConnectWebhookSecret,
  });
  const senders = apps.map((replica) => slack.requestsTo(replica.url));
  const drain = async () => {
    await stripe.drainDeliveries();
    await Promise.all(apps.map((replica) => replica.services.background.drain()));
    // Alerts, message updates and DMs go out from the Slack outbox, paced: wait until it is empty.
    const senders = apps.map((replica) => replica.services.slackOutbox.sender).filter((s) => s.running);
    await Promise.all(senders.map((sender) => sender.idle()));
  };
  const replicaEnv = {
    SLACK_API_URL: slack.apiUrl,
    SLACK_TEAM_ID: slack.teamId,
    STRIPE_API_BASE: stripe.url,
    MONGODB_URI: `${options.mongodbUri ?? process.env[ENV_MONGODB_URI]}${dbName}`,
    ...Object.fromEntries(
      Object.entries(options.env ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
  };
  return {
    slack,
    stripe,
    dbs,
    replicaEnv,
    apps,
    app,
    send: senders[0] as SlackRequestSender,
    senders,
    drain,
    async stop() {
      await drain().catch(() => {});
      for (const replica of apps) await replica.stop();
      for (const db of dbs) await db.close();
      await stripe.close();
      await slack.close();
    },
  };
}
