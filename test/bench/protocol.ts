import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { DbShapeTime } from './db-profile';

/** One payout run of `writerUserIds.length` lines ($10.00 each), requested by `requester`. */
export type BatchRequest = {
  teamId: string;
  requester: string;
  approvers: string[];
  writerUserIds: string[];
};

export type BatchOutcome = {
  /** What drove the lines (batch-driver.ts). */
  driver: string;
  lines: number;
  paid: number;
  failed: number;
  /** The pace the lines were sent at (STRIPE_RATE_LIMIT_PER_SECOND). */
  perSecond: number;
  /** From the final approval to the run's end. */
  wallMs: number;
};

/** Inside Paydesk during one section: its event loop's delays and the replay check's answers. */
export type AppProbe = {
  eventLoopDelayMaxMs: number;
  eventLoopDelayP99Ms: number;
  replayCheckP99Ms: number;
  replayCheckMaxMs: number;
};

export type MemoryReading = { rssBytes: number; heapUsedBytes: number; gcForced: boolean };

export type TargetRequest =
  | { id: number; op: 'drain' }
  | { id: number; op: 'memory' }
  | { id: number; op: 'cpu' }
  | { id: number; op: 'db-ops' }
  | { id: number; op: 'db-profile' }
  | { id: number; op: 'probe' }
  | { id: number; op: 'profile-start' }
  | { id: number; op: 'profile-stop'; file: string }
  | { id: number; op: 'batch'; request: BatchRequest }
  | { id: number; op: 'stop' };

export type TargetReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

/** Where the target listens: its base URL (Slack requests go to /slack/events) and its Stripe webhook URL. */
export type TargetUrls = { base: string; webhooks: string };

export type Target = {
  urls: TargetUrls;
  pid: number;
  drain(): Promise<void>;
  memory(): Promise<MemoryReading>;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** Database operations by `collection.method` since the last call (Paydesk only). */
  dbOps(): Promise<Record<string, number>>;
  probe(): Promise<AppProbe>;
  /** Database time by query shape since the last call (empty unless started with BENCH_DB_PROFILE=1). */
  dbProfile(): Promise<DbShapeTime[]>;
  /** A CPU profile (V8's, as `--cpu-prof` writes) of what runs between start and stop, written to `file`. */
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<void>;
  batch(request: BatchRequest): Promise<BatchOutcome>;
  stop(): Promise<void>;
};

/**
 * Forks target.ts (through tsx) and talks to it over IPC. `--expose-gc` lets the memory reading
 * collect garbage first.
 */
export async function startTarget(mode: 'paydesk' | 'bare', env: Record<string, string>): Promise<Target> {
  const root = path.resolve(__dirname, '..', '..');
  const child: ChildProcess = fork(path.join(__dirname, 'target.ts'), [mode], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      const error = new Error(`the ${mode} target exited (${signal ?? code})`);
      for (const pending of waiting.values()) pending.reject(error);
      reject(error);
    });
  });
  exited.catch(() => {});
  child.on('message', (reply: TargetReply) => {
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) pending?.resolve(reply.result);
    else pending?.reject(new Error(`${mode} target: ${reply.error}`));
  });
  const expect = <T>(id: number) =>
    new Promise<T>((resolve, reject) =>
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject }),
    );
  const call = <T>(op: TargetRequest['op'], extra: Record<string, unknown> = {}): Promise<T> => {
    const id = nextId++;
    const answer = expect<T>(id);
    child.send({ id, op, ...extra });
    return answer;
  };
  // The target's first message (id 0) says it is listening, and where.
  const urls = await Promise.race([expect<TargetUrls>(0), exited]);
  return {
    urls,
    pid: child.pid ?? -1,
    drain: () => call('drain'),
    memory: () => call('memory'),
    cpuMs: () => call('cpu'),
    dbOps: () => call('db-ops'),
    dbProfile: () => call('db-profile'),
    probe: () => call('probe'),
    profileStart: () => call('profile-start'),
    profileStop: (file) => call('profile-stop', { file }),
    batch: (request) => call('batch', { request }),
    stop: async () => {
      if (child.exitCode !== null) return;
      await Promise.race([call('stop'), exited.catch(() => {})]);
      await exited.catch(() => {});
    },
  };
}
