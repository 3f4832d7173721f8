import type { Server } from 'node:http';
import { App, type CustomRoute, HTTPReceiver } from '@slack/bolt';
import { readinessChecks } from '../app/operations';
import type { Services } from '../app/services';
import { systemClock } from '../clock';
import { healthRoutes } from '../http/health';
import { observeSlackRequest } from '../http/slack-metrics';
import { slackReplayGuard } from '../http/slack-replay-guard';
import { refusesFutureSlackTimestamp } from '../http/slack-timestamp-guard';
import { STRIPE_WEBHOOK_PATH, stripeWebhookRoute } from '../http/stripe-webhooks';
import { boltLogger } from './bolt-logger';
import { registerListeners } from './listeners';

/** Slack requests are small; anything near this is an attack or a bug. */
export const SLACK_BODY_LIMIT = 1024 * 1024;

const SLACK_ENDPOINTS = ['/slack/events'];
const OWED_ANSWER_PATHS = new Set([...SLACK_ENDPOINTS, STRIPE_WEBHOOK_PATH]);

export type PaydeskHttpApp = { app: App; receiver: HTTPReceiver; routes: CustomRoute[] };

/** The Bolt app on its HTTP receiver, with Paydesk's own routes on the same server and port. */
export function buildSlackApp(services: Services, extraRoutes: CustomRoute[] = []): PaydeskHttpApp {
  const { config } = services;
  const routes: CustomRoute[] = [
    ...healthRoutes({ ping: () => services.db.ping(), checks: readinessChecks(services) }),
    stripeWebhookRoute({
      stripe: services.stripe,
      signingSecrets: [config.stripe.webhookSecret, config.stripe.connectWebhookSecret],
      stripeEvents: services.stripeEvents,
      inbox: services.stripeInbox,
      handlers: services.stripeEventHandlers,
      clock: services.clock,
      logger: services.logger,
      crash: services.crash,
      metrics: services.metrics.webhooks,
    }),
    ...extraRoutes,
  ];
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret,
    endpoints: SLACK_ENDPOINTS,
    customRoutes: routes,
    bodyLimit: SLACK_BODY_LIMIT,
    logger: boltLogger(services.logger),
    // 404 for paths nobody serves, instead of Bolt's default 404 with a log line per probe.
    dispatchErrorHandler: async ({ response }) => {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not found');
    },
  });
  const boltListener = receiver.requestListener;
  const replayGuard = slackReplayGuard({
    endpoints: SLACK_ENDPOINTS,
    signingSecret: config.slack.signingSecret,
    bodyLimit: SLACK_BODY_LIMIT,
    ledger: services.slackRequests,
    now: systemClock,
    logger: services.logger,
    defer: (name, task) => services.background.run(name, task),
    answersAhead: {
      dispatch: (event) => app.processEvent(event),
      track: (name, task) => services.background.run(name, task, 'slack'),
    },
  });
  receiver.requestListener = (req, res) => {
    observeSlackRequest(req, res, SLACK_ENDPOINTS, services.metrics.slack);
    // A Slack or Stripe request is an answer owed; background work yields while many are
    // (answers-first). Probes, scrapes and pages are not what a burst is made of.
    if (req.method === 'POST' && OWED_ANSWER_PATHS.has((req.url ?? '').split('?')[0] ?? '')) {
      const given = services.answersFirst.owe();
      res.once('finish', given);
      res.once('close', given);
    }
    if (refusesFutureSlackTimestamp(req, res, SLACK_ENDPOINTS, systemClock)) return;
    replayGuard(req, res, () => boltListener(req, res));
  };
  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger: boltLogger(services.logger),
    clientOptions: { slackApiUrl: config.slack.apiUrl },
    ...(config.slack.botUserId ? { botUserId: config.slack.botUserId } : {}),
    tokenVerificationEnabled: false,
    ignoreSelf: true,
  });
  registerListeners(app, services);
  app.error(async (error) => {
    services.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  return { app, receiver, routes };
}

export async function listen(
  receiver: HTTPReceiver,
  port: number,
): Promise<{ server: Server; port: number }> {
  const server = await receiver.start(port);
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
}
