import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { type SlackSimulator, startSlackSimulator } from '../../sandbox/slack';
import { startStripeSimulator } from '../../sandbox/stripe';
import type { StripeSimulator } from '../../sandbox/stripe/types';
import { connectDatabase, type Database } from '../../src/db/connection';
import { startMongoPeer } from '../../src/db/peers/mongo-peer';
import { createLogger } from '../../src/logger';
import { FINANCE, FINANCE_CHANNEL, TEST_SECRETS, testEnv } from '../support/config';
import { type CpuSplit, machineCpuMs, machineShare, processCpuMs } from './cpu';
import { type LoadDriver, startLoadDriver } from './load-driver';
import { startTarget, type Target } from './protocol';

/** The database server: the project's peer (src/db/peers), or one of your own with BENCH_MONGODB_URI. */
export type BenchPeer = { kind: string; uri: string; pid: number | null; stop(): Promise<void> };

async function startPeer(): Promise<BenchPeer> {
  const external = process.env.BENCH_MONGODB_URI;
  if (external) {
    return {
      kind: 'your server (BENCH_MONGODB_URI)',
      uri: external.endsWith('/') ? external : `${external}/`,
      pid: null,
      stop: async () => {},
    };
  }
  const peer = await startMongoPeer({ log });
  return { ...peer, kind: peer.kind === 'mongod' ? 'mongod' : 'mongo-java-server (in memory)' };
}

export type { CpuSplit };

export type Machine = { cores: number; cpuModel: string; node: string; dbPeer: string };

export type BenchWorld = {
  machine: Machine;
  peer: BenchPeer;
  slack: SlackSimulator;
  stripe: StripeSimulator;
  /** The bench's own connection to Paydesk's database, for checks (never on a timed path). */
  db: Database;
  paydesk: Target;
  bare: Target;
  /** The process that sends the timed requests (its CPU counts with the bench's). */
  load: LoadDriver;
  /** CPU split of each section measured so far. */
  cpu: CpuSplit[];
  /**
   * Runs `section`, recording its wall time and each process's CPU time, and (with --cpu-prof)
   * a V8 CPU profile of Paydesk during it.
   */
  measure<T>(section: string, requests: number, run: () => Promise<T>, app?: 'paydesk' | 'bare'): Promise<T>;
  stop(): Promise<void>;
};

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/**
 * The database peer and both simulators in this process; Paydesk and the bare baselines each in
 * a process of their own, configured like the integration tests' world (test/support), with the
 * reconciler off and webhooks delivered only by the bench (the simulator's auto-delivery is off).
 */
export async function startBenchWorld(options: {
  cpuProfileDir?: string;
  /** With --db-prof: database time by query shape per section, as JSON. */
  dbProfileDir?: string;
}): Promise<BenchWorld> {
  if (options.cpuProfileDir) mkdirSync(options.cpuProfileDir, { recursive: true });
  if (options.dbProfileDir) mkdirSync(options.dbProfileDir, { recursive: true });
  // Whatever has started is stopped again, in reverse order, by stop() or when a later start fails.
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error) => log(`while stopping: ${(error as Error).message}`));
    }
  };
  const started = async <T>(starting: Promise<T>, stop: (resource: T) => Promise<unknown>): Promise<T> => {
    try {
      const resource = await starting;
      stops.push(() => stop(resource));
      return resource;
    } catch (error) {
      await stopAll();
      throw error;
    }
  };
  const peer = await started(startPeer(), (server) => server.stop());
  const slack = await started(
    startSlackSimulator({
      signingSecret: TEST_SECRETS.slackSigningSecret,
      botToken: TEST_SECRETS.slackBotToken,
      users: [
        { id: FINANCE.one, name: 'fin.one', realName: 'Fin One', email: 'fin.one@example.com' },
        { id: FINANCE.two, name: 'fin.two', realName: 'Fin Two', email: 'fin.two@example.com' },
        { id: FINANCE.three, name: 'fin.three', realName: 'Fin Three', email: 'fin.three@example.com' },
      ],
      channels: [{ id: FINANCE_CHANNEL, name: 'finance' }],
    }),
    (simulator) => simulator.close(),
  );
  const stripe = await started(
    startStripeSimulator({ secretKey: TEST_SECRETS.stripeSecretKey }),
    (simulator) => simulator.close(),
  );
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
        BENCH_DB_PROFILE: options.dbProfileDir ? '1' : undefined,
      }),
    ).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const paydesk = await started(startTarget('paydesk', env), (target) => target.stop());
  const bare = await started(startTarget('bare', env), (target) => target.stop());
  const load = await started(startLoadDriver(), (driver) => driver.stop());
  const db = await started(connectDatabase({ uri, logger: createLogger({ level: 'silent' }) }), (database) =>
    database.close(),
  );
  const cpus = os.cpus();
  const cpu: CpuSplit[] = [];
  const gcPauses: number[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const cpuNow = async () => {
    const own = process.cpuUsage();
    return {
      at: performance.now(),
      paydesk: await paydesk.cpuMs(),
      bare: await bare.cpuMs(),
      bench: (own.user + own.system) / 1000 + (processCpuMs(load.pid) ?? 0),
      db: peer.pid === null ? null : processCpuMs(peer.pid),
      machine: machineCpuMs(),
    };
  };
  return {
    machine: {
      cores: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      node: process.version,
      dbPeer: peer.kind,
    },
    peer,
    slack,
    stripe,
    db,
    paydesk,
    bare,
    load,
    cpu,
    async measure(section, requests, run, app = 'paydesk') {
      const file =
        app === 'paydesk' &&
        options.cpuProfileDir &&
        path.join(options.cpuProfileDir, `${section.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`);
      if (file) await paydesk.profileStart();
      await paydesk.dbOps();
      await paydesk.probe();
      if (options.dbProfileDir) await paydesk.dbProfile();
      const before = await cpuNow();
      const gcFrom = gcPauses.length;
      const result = await run();
      const after = await cpuNow();
      const pauses = gcPauses.slice(gcFrom);
      const dbOps = await paydesk.dbOps();
      const probe = app === 'paydesk' ? await paydesk.probe() : null;
      if (file) await paydesk.profileStop(file);
      if (options.dbProfileDir && app === 'paydesk') {
        const shapes = await paydesk.dbProfile();
        writeFileSync(
          path.join(options.dbProfileDir, `${section.replace(/[^a-z0-9]+/gi, '-')}.json`),
          `${JSON.stringify(shapes, null, 2)}\n`,
        );
      }
      cpu.push({
        section,
        app,
        requests,
        wallMs: after.at - before.at,
        paydeskMs: after.paydesk - before.paydesk,
        bareMs: after.bare - before.bare,
        benchMs: after.bench - before.bench,
        dbMs: after.db === null || before.db === null ? null : after.db - before.db,
        ...machineShare(before, after),
        dbOps,
        probe,
        benchGcPauses: { totalMs: pauses.reduce((sum, ms) => sum + ms, 0), maxMs: Math.max(0, ...pauses) },
      });
      return result;
    },
    async stop() {
      gcObserver.disconnect();
      await stopAll();
    },
  };
}

export const RESULTS_DIR = path.join(__dirname, 'results');
