import { randomBytes } from 'node:crypto';
import { type RunningPaydesk, startPaydesk } from '../../src/app/server';
import { loadConfig } from '../../src/config';
import { connectDatabase, type Database } from '../../src/db/connection';
import { freePort } from '../../src/db/peers/free-port';
import { type MongoPeer, startMongoPeer } from '../../src/db/peers/mongo-peer';
import type { Logger } from '../../src/logger';
import {
  type MentionNames,
  type SlackRequestSender,
  type SlackSimulator,
  startSlackSimulator,
} from '../slack';
import { type StripeSimulator, startStripeSimulator } from '../stripe';
import { CAST, DEMO_SECRETS, demoEnv, FINANCE_CHANNEL } from './cast';
import { SimulatedClock } from './clock';

/** The platform's Stripe balance before the story starts: $150.00, as in the design's example. */
export const OPENING_BALANCE_CENTS = 15_000;

export type DemoApp = {
  /** How the transcript names this deployment. */
  label: string;
  mode: 'oauth' | 'account_links';
  paydesk: RunningPaydesk;
  db: Database;
  /** Signed Slack requests to this deployment, as Slack would send them. */
  send: SlackRequestSender;
};

export type DemoWorld = {
  slack: SlackSimulator;
  stripe: StripeSimulator;
  clock: SimulatedClock;
  /** What the database is, in words, for the transcript. */
  database: string;
  /** The deployment the story and the web view talk to (ONBOARDING_MODE=oauth). */
  main: DemoApp;
  /** A second deployment on the same database in ONBOARDING_MODE=account_links. */
  accountLinks: DemoApp;
  apps: DemoApp[];
  /** Resolves @mentions and #channels to names when rendering messages. */
  names: MentionNames;
  /** Waits for webhook deliveries and the apps' after-ack work. */
  drain(): Promise<void>;
  stop(): Promise<void>;
};

export type DemoWorldOptions = {
  /** An existing MongoDB (the tests' peer); without it an embedded in-memory one is started. */
  mongodbUri?: string;
  dbName?: string;
  logger: Logger;
  /** Progress lines while starting (the embedded database may be built on first use). */
  log?: (line: string) => void;
  /** Where the simulated clock starts (default: now), so the story can be played on any date. */
  startAt?: Date;
};

/**
 * The sandbox: Slack and Stripe simulators, a database, and Paydesk started through
 * `startPaydesk` exactly as `npm start` does, with a configuration that differs from
 * production's only in its URLs. Two deployments share the database so that both onboarding
 * modes can be shown: `oauth` (the main one) and `account_links`.
 */
export async function startDemoWorld(options: DemoWorldOptions): Promise<DemoWorld> {
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  };
  try {
    const clock = new SimulatedClock(options.startAt);
    const slack = await startSlackSimulator({
      signingSecret: DEMO_SECRETS.slackSigningSecret,
      botToken: DEMO_SECRETS.slackBotToken,
      teamId: 'T0SANDBOX',
      users: Object.values(CAST).map((member) => ({ ...member })),
      channels: [FINANCE_CHANNEL],
      // As Slack does: about a message a second per channel, chat.update at Tier 3.
      enforceLimits: true,
    });
    cleanups.push(() => slack.close());
    const stripe = await startStripeSimulator({ secretKey: DEMO_SECRETS.stripeSecretKey, clock: clock.now });
    cleanups.push(() => stripe.close());
    stripe.setAvailableBalance(OPENING_BALANCE_CENTS);

    let peer: MongoPeer | undefined;
    let uri = options.mongodbUri;
    if (uri === undefined) {
      options.log?.('starting the embedded database (in memory; nothing is kept after the demo)');
      peer = await startMongoPeer({ log: options.log });
      const started = peer;
      cleanups.push(() => started.stop());
      uri = peer.uri;
    }
    const dbName = options.dbName ?? `paydesk_demo_${randomBytes(4).toString('hex')}`;
    const database = peer
      ? `embedded ${peer.kind} on 127.0.0.1:${peer.port} (in memory, for local use only)`
      : `the given MongoDB, database ${dbName}`;

    const auditHmacKey = randomBytes(32).toString('base64');
    const startApp = async (mode: DemoApp['mode'], label: string): Promise<DemoApp> => {
      const db = await connectDatabase({ uri: uri as string, dbName, logger: options.logger });
      cleanups.push(() => db.close());
      const port = await freePort();
      const config = loadConfig(
        demoEnv({
          auditHmacKey,
          slackApiUrl: slack.apiUrl,
          slackTeamId: slack.teamId,
          slackBotUserId: slack.botUserId,
          stripeUrl: stripe.url,
          port,
          onboardingMode: mode,
        }),
      );
      const paydesk = await startPaydesk(config, { db, port, clock: clock.now, logger: options.logger });
      cleanups.push(() => paydesk.stop());
      return { label, mode, paydesk, db, send: slack.requestsTo(paydesk.url) };
    };
    const main = await startApp('oauth', 'Paydesk');
    const accountLinks = await startApp('account_links', 'Paydesk (account_links deployment)');
    stripe.setWebhookEndpoint({
      url: `${main.paydesk.url}/stripe/webhooks`,
      secret: DEMO_SECRETS.stripeWebhookSecret,
      connectSecret: DEMO_SECRETS.stripeConnectWebhookSecret,
    });
    const apps = [main, accountLinks];
    const drain = async () => {
      await stripe.drainDeliveries();
      await Promise.all(apps.map((app) => app.paydesk.services.background.drain()));
      await stripe.drainDeliveries();
      await Promise.all(apps.map((app) => app.paydesk.services.slackOutbox.sender.idle()));
    };
    return {
      slack,
      stripe,
      clock,
      database,
      main,
      accountLinks,
      apps,
      names: {
        userName: (id) => slack.user(id)?.name,
        channelName: (id) => slack.channel(id)?.name,
      },
      drain,
      async stop() {
        await drain().catch(() => {});
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
