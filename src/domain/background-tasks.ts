import type { Logger } from '../logger';
import type { AnswersFirst } from './answers-first';

/** How many queued tasks run at once: enough to keep I/O busy, few enough to leave room for acks. */
export const BACKGROUND_CONCURRENCY = 16;

type Queued = { name: string; task: () => Promise<unknown> };

/**
 * Work that must not hold up an HTTP answer (Slack posts after a webhook, Stripe calls after an
 * ack). `run` queues it and runs a bounded number at once, so a burst of requests cannot fill the
 * event loop with work and starve the acks of new ones; `runNow` is for work that is bounded
 * already (the webhook inbox's pumps). Failures are logged, never swallowed silently; `drain()`
 * lets shutdown and tests wait for everything, queued or running.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();
  private readonly queue: Queued[] = [];
  private active = 0;

  constructor(
    private readonly logger: Logger,
    private readonly concurrency = BACKGROUND_CONCURRENCY,
    /** Queued work waits its turn while this replica owes many answers (see answers-first.ts). */
    private readonly answersFirst?: AnswersFirst,
  ) {}

  run(name: string, task: () => Promise<unknown>): void {
    this.queue.push({ name, task });
    this.startQueued();
  }

  runNow(name: string, task: () => Promise<unknown>): void {
    this.track(name, task);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0 || this.queue.length > 0) {
      await Promise.all([...this.running]);
    }
  }

  get size(): number {
    return this.running.size + this.queue.length;
  }

  private startQueued(): void {
    while (this.active < this.concurrency && this.queue.length > 0) {
      const next = this.queue.shift() as Queued;
      this.active += 1;
      const gate = this.answersFirst;
      const task = gate
        ? async () => {
            await gate.turn();
            return next.task();
          }
        : next.task;
      this.track(next.name, task, () => {
        this.active -= 1;
        this.startQueued();
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
