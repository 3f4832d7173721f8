import type { Logger } from '../logger';
import type { AnswersFirst } from './answers-first';

/**
 * Queued work runs in lanes, each with its own bound: Slack requests answered ahead of their
 * replay check (the check and the hand-over to their listener), work that answers people without
 * waiting on Stripe (replies, modals, request messages), and work that waits on Stripe (approvals
 * that move money, reversals, cancels, balances). A lane full of calls to a Stripe that hangs, or
 * of checks on a slow database, cannot hold up the others.
 */
export const BACKGROUND_LANES = { slack: 8, replies: 16, stripe: 8 };
export type BackgroundLane = keyof typeof BACKGROUND_LANES;

type Queued = { name: string; task: () => Promise<unknown> };
type Lane = { queue: Queued[]; active: number; concurrency: number };

/**
 * Work that must not hold up an HTTP answer (Slack posts after a webhook, Stripe calls after an
 * ack). `run` queues it in a lane and runs a bounded number at once, so a burst of requests cannot
 * fill the event loop with work and starve the acks of new ones; `runNow` is for work that is
 * bounded already (the webhook inbox's pumps). Failures are logged, never swallowed silently;
 * `drain()` lets shutdown and tests wait for everything, queued or running.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();
  private readonly lanes: Record<BackgroundLane, Lane>;

  constructor(
    private readonly logger: Logger,
    /** Per lane, or one bound for every lane. */
    concurrency: number | Record<BackgroundLane, number> = BACKGROUND_LANES,
    /** Queued work waits its turn while this replica owes many answers (see answers-first.ts). */
    private readonly answersFirst?: AnswersFirst,
  ) {
    const bound = (lane: BackgroundLane) =>
      typeof concurrency === 'number' ? concurrency : concurrency[lane];
    this.lanes = {
      slack: { queue: [], active: 0, concurrency: bound('slack') },
      replies: { queue: [], active: 0, concurrency: bound('replies') },
      stripe: { queue: [], active: 0, concurrency: bound('stripe') },
    };
  }

  run(name: string, task: () => Promise<unknown>, lane: BackgroundLane = 'replies'): void {
    this.lanes[lane].queue.push({ name, task });
    this.startQueued(this.lanes[lane]);
  }

  runNow(name: string, task: () => Promise<unknown>): void {
    this.track(name, task);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0 || this.queued() > 0) {
      await Promise.all([...this.running]);
    }
  }

  get size(): number {
    return this.running.size + this.queued();
  }

  private queued(): number {
    return Object.values(this.lanes).reduce((sum, lane) => sum + lane.queue.length, 0);
  }

  private startQueued(lane: Lane): void {
    while (lane.active < lane.concurrency && lane.queue.length > 0) {
      const next = lane.queue.shift() as Queued;
      lane.active += 1;
      const gate = this.answersFirst;
      const task = gate
        ? async () => {
            await gate.turn();
            return next.task();
          }
        : next.task;
      this.track(next.name, task, () => {
        lane.active -= 1;
        this.startQueued(lane);
      });
    }
  }

  private track(name: string, task: () => Promise<unknown>, done?: () => void): void {
    const promise = (async () => {
      try {
        await task();
      } catch (error) {
        this.logger.error({ err: error, task: name }, 'background task failed');
      }
    })();
    this.running.add(promise);
    promise.finally(() => {
      this.running.delete(promise);
      done?.();
    });
  }
}
