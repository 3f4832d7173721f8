import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { connectDatabase, type Database } from '../../src/db/connection';
import { startMongoPeer } from '../../src/db/peers/mongo-peer';
import { createLogger } from '../../src/logger';
import { type SlackSimulator, startSlackSimulator } from '../../src/sandbox/slack';
import { startStripeSimulator } from '../../src/sandbox/stripe';
import type { StripeSimulator } from '../../src/sandbox/stripe/types';
import { FINANCE, FINANCE_CHANNEL, TEST_SECRETS, testEnv } from '../support/config';
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

export type Machine = { cores: number; cpuModel: string; node: string; dbPeer: string };

/** CPU time each process used during one measured section (ms); the DB peer's only where /proc exists. */
export type CpuSplit = {
  section: string;
  /** The app the section drives. */
  app: 'paydesk' | 'bare';
  requests: number;
  wallMs: number;
  paydeskMs: number;
  bareMs: number;
  /** This process: the load generator and both simulators. */
  benchMs: number;
  dbMs: number | null;
  /** CPU time of every other process on the machine (other people's test runs, say); null without /proc. */
  otherMs: number | null;
  /** The whole machine's busy share (all processes, all cores), 0..1; null without /proc. */
  machineBusy: number | null;
  /** Paydesk's database operations during the section, by `collection.method`. */
  dbOps: Record<string, number>;
  /** Garbage-collection pauses of this process (the load generator): they delay every answer it times. */
  benchGcPauses: { totalMs: number; maxMs: number };
};

export type BenchWorld = {
  machine: Machine;
  peer: BenchPeer;
  slack: SlackSimulator;
  stripe: StripeSimulator;
  /** The bench's own connection to Paydesk's database, for checks (never on a timed path). */
  db: Database;
  paydesk: Target;
  bare: Target;
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
export async function startBenchWorld(options: { cpuProfileDir?: string }): Promise<BenchWorld> {
  if (options.cpuProfileDir) mkdirSync(options.cpuProfileDir, { recursive: true });
  const peer = await startPeer();
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
  const paydesk = await startTarget('paydesk', env);
  const bare = await startTarget('bare', env);
  const db = await connectDatabase({ uri, logger: createLogger({ level: 'silent' }) });
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
      bench: (own.user + own.system) / 1000,
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
    cpu,
    async measure(section, requests, run, app = 'paydesk') {
      const file =
        app === 'paydesk' &&
        options.cpuProfileDir &&
        path.join(options.cpuProfileDir, `${section.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`);
      if (file) await paydesk.profileStart();
      await paydesk.dbOps();
      const before = await cpuNow();
      const gcFrom = gcPauses.length;
      const result = await run();
      const after = await cpuNow();
      const pauses = gcPauses.slice(gcFrom);
      const dbOps = await paydesk.dbOps();
      if (file) await paydesk.profileStop(file);
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
        benchGcPauses: { totalMs: pauses.reduce((sum, ms) => sum + ms, 0), maxMs: Math.max(0, ...pauses) },
      });
      return result;
    },
    async stop() {
      gcObserver.disconnect();
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

let clockTicks: number | undefined;

function ticksToMs(ticks: number): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  return (ticks / clockTicks) * 1000;
}

/** All processes' busy and total CPU time from /proc/stat (Linux), in ms summed over cores. */
function machineCpuMs(): { busy: number; total: number } | null {
  try {
    const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
    const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
    return { busy: ticksToMs(busy), total: ticksToMs(busy + (idle ?? 0) + (iowait ?? 0)) };
  } catch {
    return null;
  }
}

type CpuReading = {
  paydesk: number;
  bare: number;
  bench: number;
  db: number | null;
  machine: { busy: number; total: number } | null;
};

function machineShare(
  before: CpuReading,
  after: CpuReading,
): { otherMs: number | null; machineBusy: number | null } {
  if (!before.machine || !after.machine) return { otherMs: null, machineBusy: null };
  const busy = after.machine.busy - before.machine.busy;
  const ours =
    after.paydesk -
    before.paydesk +
    (after.bare - before.bare) +
    (after.bench - before.bench) +
    ((after.db ?? 0) - (before.db ?? 0));
  return {
    otherMs: Math.max(0, busy - ours),
    machineBusy: busy / Math.max(1, after.machine.total - before.machine.total),
  };
}

/** utime + stime of another process from /proc (Linux), in ms; null elsewhere. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ticksToMs(Number(fields[11]) + Number(fields[12]));
  } catch {
    return null;
  }
}
