import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../../logger';
import type { StripeGateway } from '../ports/stripe-gateway';
import type { StripePace } from './ports';

/** What a runner does when its process is stopping (or, in tests, killed). */
export class RunStoppedError extends Error {
  constructor() {
    super('the payout runner of this process stopped');
    this.name = 'RunStoppedError';
  }
}

/**
 * The payout runner's life in this process: the tasks it runs (so shutdown can wait for them),
 * timers, and whether it is live, halting (graceful shutdown: finish the lines in flight, start
 * no new ones, let go of the lease) or killed (tests: behave as a process that died — nothing is
 * written any more, and a Stripe answer arriving now is lost, exactly the window a crash leaves).
 */
export class RunControl {
  readonly instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private mode: 'live' | 'halting' | 'killed' = 'live';
  private readonly tasks = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly active = new Set<string>();
  private readonly wanted = new Set<string>();
  private killAfterTransfers: number | undefined;
  private transfersReturned = 0;

  constructor(
    private readonly logger: Logger,
    /** Also tracks each task elsewhere (the app's background tasks, which tests drain). */
    private readonly track?: (name: string, task: () => Promise<unknown>) => void,
  ) {}

  get stopping(): boolean {
    return this.mode !== 'live';
  }

  get killed(): boolean {
    return this.mode === 'killed';
  }

  spawn(name: string, task: () => Promise<unknown>): void {
    if (this.stopping) {
      this.logger.info({ task: name }, 'payout runner is stopping; not starting');
      return;
    }
    let settle: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      settle = resolve;
    });
    this.tasks.add(done);
    const run = async () => {
      try {
        await task();
      } catch (error) {
        if (!(error instanceof RunStoppedError))
          this.logger.error({ err: error, task: name }, 'payout run task failed');
      } finally {
        this.tasks.delete(done);
        settle();
      }
    };
    if (this.track) this.track(name, run);
    else void run();
  }

  /** Runs `task` after `ms` unless the runner stops first. */
  later(name: string, ms: number, task: () => Promise<unknown>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.spawn(name, task);
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Runs `task` now and then every `ms` until the runner stops. */
  every(name: string, ms: number, task: () => Promise<unknown>): void {
    this.spawn(name, task);
    const timer = setInterval(() => {
      if (this.stopping) return;
      this.spawn(name, task);
    }, ms);
    timer.unref();
    this.timers.add(timer as unknown as NodeJS.Timeout);
  }

  /** One driver per run per process: false when this process already drives `runId`. */
  /**
   * Whether this process may drive the run now. When it already does, the caller's wish is kept
   * (a Resume clicked while the pass that paused the run is still posting its notes), and the
   * running pass goes round once more instead of leaving (see `again`).
   */
  enter(runId: string): boolean {
    if (this.active.has(runId)) {
      this.wanted.add(runId);
      return false;
    }
    this.active.add(runId);
    return true;
  }

  /** Whether someone asked to drive the run while this process was driving it (asked once). */
  again(runId: string): boolean {
    return this.wanted.delete(runId);
  }

  leave(runId: string): void {
    this.active.delete(runId);
  }

  /** Throws when the process is stopping, so a runner leaves at the next safe point. */
  assertLive(): void {
    if (this.stopping) throw new RunStoppedError();
  }

  assertNotKilled(): void {
    if (this.killed) throw new RunStoppedError();
  }

  /** Graceful: no new lines, the ones in flight finish and are recorded, leases are let go. */
  async halt(): Promise<void> {
    if (this.mode === 'live') this.mode = 'halting';
    this.clearTimers();
    await this.idle();
  }

  /** Test fault injection: the process "dies" now. */
  async kill(): Promise<void> {
    this.mode = 'killed';
    this.clearTimers();
    await this.idle();
  }

  /** Test fault injection: die right after Stripe answered the `count`-th transfer, before it is saved. */
  killAfterStripeTransfers(count: number): void {
    this.killAfterTransfers = count;
  }

  noteStripeTransferReturned(): void {
    this.transfersReturned += 1;
    if (this.killAfterTransfers !== undefined && this.transfersReturned >= this.killAfterTransfers) {
      this.mode = 'killed';
      this.clearTimers();
    }
  }

  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.all([...this.tasks]);
  }

  private clearTimers(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
      clearInterval(timer);
    }
    this.timers.clear();
  }
}

/**
 * The gateway a run's lines use: the same calls (and the same transfer submission code) as a
 * single transfer, each after taking its turn at the pace every replica shares. A killed runner
 * loses Stripe's answer, as a dead process would.
 */
export function pacedGateway(gateway: StripeGateway, pace: StripePace, control: RunControl): StripeGateway {
  return {
    ...gateway,
    createTransfer: async (params, idempotencyKey) => {
      await pace.take();
      control.assertNotKilled();
      const transfer = await gateway.createTransfer(params, idempotencyKey);
      control.noteStripeTransferReturned();
      control.assertNotKilled();
      return transfer;
    },
    findTransferByRequestId: async (group, requestId) => {
      await pace.take();
      return gateway.findTransferByRequestId(group, requestId);
    },
    balance: async () => {
      await pace.take();
      return gateway.balance();
    },
  };
}
