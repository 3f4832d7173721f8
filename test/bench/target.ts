/**
 * What the benchmark measures, in a process of its own (so its RSS and its event loop are its
 * own, not shared with the load generator and the simulators). Forked by run.ts with an IPC
 * channel: `paydesk` is the real app (startPaydesk); `bare` is the baselines — a Bolt App on
 * the same HTTPReceiver whose listeners only ack(), and a node:http handler that only verifies
 * the Stripe signature.
 */
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { App, HTTPReceiver } from '@slack/bolt';
import getRawBody from 'raw-body';
import { startPaydesk } from '../../src/app/server';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { SLACK_BODY_LIMIT } from '../../src/slack/app';
import { boltLogger } from '../../src/slack/bolt-logger';
import { ACTIONS, COMMANDS } from '../../src/slack/ids';
import { createStripeClient } from '../../src/stripe/client';
import { runPayoutBatch } from './batch-driver';
import { type DbShapeTime, profileDbCommands } from './db-profile';
import type { AppProbe, BatchRequest, TargetReply, TargetRequest, TargetUrls } from './protocol';

const silent = createLogger({ level: 'silent' });

type Handlers = {
  urls: TargetUrls;
  drain(): Promise<void>;
  /** Database operations (collection.method) since the last call. */
  dbOps(): Record<string, number>;
  /** The event loop's longest delay and the replay check's slowest answer since the last call. */
  probe(): AppProbe;
  /** With BENCH_DB_PROFILE=1: database time by query shape since the last call. */
  dbProfile(): DbShapeTime[];
  batch?(request: BatchRequest): Promise<unknown>;
  stop(): Promise<void>;
};

async function startPaydeskTarget(): Promise<Handlers> {
  const profiling = process.env.BENCH_DB_PROFILE === '1';
  const uri = process.env.MONGODB_URI ?? '';
  const config = loadConfig({
    ...process.env,
    ...(profiling ? { MONGODB_URI: `${uri}${uri.includes('?') ? '&' : '?'}monitorCommands=true` } : {}),
  });
  const paydesk = await startPaydesk(config, { logger: createLogger({ level: config.logLevel }), port: 0 });
  const dbProfile = profiling ? profileDbCommands(paydesk.services.db.connection.getClient()) : undefined;
  // Where an answer can wait inside Paydesk: its one event loop, and the replay check's insert,
  // which every Slack request makes before Bolt sees it.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const ledger = paydesk.services.slackRequests;
  const remember = ledger.remember.bind(ledger);
  let checks: number[] = [];
  ledger.remember = async (...args) => {
    const started = performance.now();
    try {
      return await remember(...args);
    } finally {
      checks.push(performance.now() - started);
    }
  };
  let ops: Record<string, number> = {};
  paydesk.services.db.connection.on('operation-start', (op: { collectionName: string; method: string }) => {
    const key = `${op.collectionName}.${op.method}`;
    ops[key] = (ops[key] ?? 0) + 1;
  });
  return {
    urls: { base: paydesk.url, webhooks: `${paydesk.url}/stripe/webhooks` },
    drain: () => paydesk.services.background.drain(),
    dbOps: () => {
      const counted = ops;
      ops = {};
      return counted;
    },
    probe: () => {
      const sorted = checks.sort((a, b) => a - b);
      const probe: AppProbe = {
        eventLoopDelayMaxMs: loop.max / 1e6,
        eventLoopDelayP99Ms: loop.percentile(99) / 1e6,
        replayCheckP99Ms: sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? 0,
        replayCheckMaxMs: sorted.at(-1) ?? 0,
      };
      loop.reset();
      checks = [];
      return probe;
    },
    dbProfile: () => dbProfile?.take() ?? [],
    batch: (request) => runPayoutBatch(paydesk.services, request),
    stop: () => paydesk.stop(),
  };
}

async function startBareTargets(): Promise<Handlers> {
  const config = loadConfig(process.env);
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret,
    endpoints: ['/slack/events'],
    bodyLimit: SLACK_BODY_LIMIT,
    logger: boltLogger(silent),
  });
  // The same App options as Paydesk's (src/slack/app.ts): with them Bolt never calls out to Slack.
  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger: boltLogger(silent),
    clientOptions: { slackApiUrl: config.slack.apiUrl },
    ...(config.slack.botUserId ? { botUserId: config.slack.botUserId } : {}),
    tokenVerificationEnabled: false,
    ignoreSelf: true,
  });
  app.command(COMMANDS.topup, async ({ ack }) => ack());
  app.action(ACTIONS.approveTopup, async ({ ack }) => ack());
  const slackServer = await receiver.start(0);

  const stripe = createStripeClient({ secretKey: config.stripe.secretKey });
  const secrets = [config.stripe.webhookSecret, config.stripe.connectWebhookSecret];
  const webhookServer = http.createServer((req, res) => {
    const verified = (body: Buffer) =>
      secrets.some((secret) => {
        try {
          stripe.webhooks.constructEvent(body, String(req.headers['stripe-signature'] ?? ''), secret);
          return true;
        } catch {
          return false;
        }
      });
    getRawBody(req).then(
      (body) => {
        const ok = verified(body);
        res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
        res.end(ok ? '{"received":true}' : '{"error":"invalid signature"}');
      },
      () => res.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve) => webhookServer.listen(0, '127.0.0.1', resolve));
  const port = (server: { address(): unknown }) => (server.address() as { port: number }).port;
  return {
    urls: {
      base: `http://127.0.0.1:${port(slackServer)}`,
      webhooks: `http://127.0.0.1:${port(webhookServer)}/stripe/webhooks`,
    },
    drain: async () => {},
    dbOps: () => ({}),
    probe: () => ({
      eventLoopDelayMaxMs: 0,
      eventLoopDelayP99Ms: 0,
      replayCheckP99Ms: 0,
      replayCheckMaxMs: 0,
    }),
    dbProfile: () => [],
    stop: async () => {
      await app.stop();
      await new Promise((resolve) => webhookServer.close(resolve));
    },
  };
}

/** After full GCs, with time in between for V8 to hand freed pages back, so readings compare. */
async function memory() {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i += 1) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const usage = process.memoryUsage();
  return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed, gcForced: gc !== undefined };
}

const profiler = new Session();

async function startProfile(): Promise<void> {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}

async function stopProfile(file: string): Promise<void> {
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  profiler.disconnect();
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  const target = mode === 'paydesk' ? await startPaydeskTarget() : await startBareTargets();
  const send = (reply: TargetReply) => process.send?.(reply);
  process.on('message', (message: TargetRequest) => {
    const answer = async (): Promise<unknown> => {
      switch (message.op) {
        case 'drain':
          return target.drain();
        case 'memory':
          return memory();
        case 'cpu': {
          const usage = process.cpuUsage();
          return (usage.user + usage.system) / 1000;
        }
        case 'db-ops':
          return target.dbOps();
        case 'db-profile':
          return target.dbProfile();
        case 'probe':
          return target.probe();
        case 'profile-start':
          return startProfile();
        case 'profile-stop':
          return stopProfile(message.file);
        case 'batch':
          if (!target.batch) throw new Error(`the ${mode} target runs no batches`);
          return target.batch(message.request);
        case 'stop':
          await target.stop();
          setImmediate(() => process.exit(0));
          return undefined;
      }
    };
    answer().then(
      (result) => send({ id: message.id, ok: true, result }),
      (error: Error) => send({ id: message.id, ok: false, error: error.stack ?? error.message }),
    );
  });
  // Never outlive the bench: if it dies, the IPC channel closes.
  process.on('disconnect', () => process.exit(0));
  send({ id: 0, ok: true, result: target.urls });
}

main().catch((error) => {
  process.stderr.write(`bench target failed to start: ${(error as Error).stack}\n`);
  process.exit(1);
});
