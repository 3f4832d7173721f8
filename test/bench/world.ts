import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase, type Database } from '../../src/db/connection';
import { type MongoPeer, startMongoPeer } from '../../src/db/peers/mongo-peer';
import { createLogger } from '../../src/logger';
import { type SlackSimulator, startSlackSimulator } from '../../src/sandbox/slack';
import { startStripeSimulator } from '../../src/sandbox/stripe';
import type { StripeSimulator } from '../../src/sandbox/stripe/types';
import { FINANCE, FINANCE_CHANNEL, TEST_SECRETS, testEnv } from '../support/config';
import { startTarget, type Target } from './protocol';

export type Machine = { cores: number; cpuModel: string; node: string; dbPeer: string };

export type BenchWorld = {
  machine: Machine;
  peer: MongoPeer;
  slack: SlackSimulator;
  stripe: StripeSimulator;
  /** The bench's own connection to Paydesk's database, for checks (never on a timed path). */
  db: Database;
  paydesk: Target;
  bare: Target;
  stop(): Promise<void>;
};

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/**
 * The database peer and both simulators in this process; Paydesk and the bare baselines each in
 * a process of their own, configured like the integration tests' world (test/support), with the
 * reconciler off and webhooks delivered only by the bench (the simulator's auto-delivery is off).
 */
export async function startBenchWorld(options: { cpuProfileDir?: string }): Promise<BenchWorld> {
  const peer = await startMongoPeer({ log });
  const slack = await startSlackSimulator({
    signingSecret: TEST_SECRETS.slackSigningSecret,
    botToken: TEST_SECRETS.slackBotToken,
    users: [
      { id: FINANCE.one, name: 'fin.one', realName: 'Fin One', email: 'fin.one@example.com' },
      { id: FINANCE.two, name: 'fin.two', realName: 'Fin Two', email: 'fin.two@example.com' },
      { id: FINANCE.three, name: 'fin.three', realName: 'Fin Three', email: 'fin.three@example.com' },
    ],
    channels: [{ id: FINANCE_CHANNEL, name: 'finance' }],
  });
  const stripe = await startStripeSimulator({ secretKey: TEST_SECRETS.stripeSecretKey });
  stripe.setAutoDeliver(false);
  stripe.setAvailableBalance(1_000_000_000);
  const uri = `${peer.uri}bench_${randomBytes(4).toString('hex')}`;
  const env = Object.fromEntries(
    Object.entries(
      testEnv({
        SLACK_API_URL: slack.apiUrl,
        SLACK_TEAM_ID: slack.teamId,
        STRIPE_API_BASE: stripe.url,
        MONGODB_URI: uri,
        // Paydesk's own log (to stderr), e.g. BENCH_LOG_LEVEL=warn; silent by default.
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      }),
    ).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const paydesk = await startTarget('paydesk', env, options);
  const bare = await startTarget('bare', env);
  const db = await connectDatabase({ uri, logger: createLogger({ level: 'silent' }) });
  const cpus = os.cpus();
  return {
    machine: {
      cores: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      node: process.version,
      dbPeer: peer.kind === 'mongod' ? 'mongod' : 'mongo-java-server (in memory)',
    },
    peer,
    slack,
    stripe,
    db,
    paydesk,
    bare,
    async stop() {
      await paydesk.stop().catch((error) => log(`stopping Paydesk: ${(error as Error).message}`));
      await bare.stop().catch(() => {});
      await db.close();
      await stripe.close();
      await slack.close();
      await peer.stop();
    },
  };
}

export const RESULTS_DIR = path.join(__dirname, 'results');
