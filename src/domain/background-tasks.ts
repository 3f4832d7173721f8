import type { Logger } from '../logger';

/**
 * Work that must not hold up an HTTP answer (Slack posts after a webhook, Stripe calls after an
 * ack). Failures are logged, never swallowed silently; `drain()` lets shutdown and tests wait.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(name: string, task: () => Promise<unknown>): void {
    const promise = (async () => {
      try {
        await task();
      } catch (error) {
        this.logger.error({ err: error, task: name }, 'background task failed');
      }
    })();
    this.running.add(promise);
    promise.finally(() => this.running.delete(promise));
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.all([...this.running]);
    }
  }

  get size(): number {
    return this.running.size;
  }
}
