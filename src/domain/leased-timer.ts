import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { LeasesStore } from './reconciler/ports';

export type LeasedRun<T> = { ran: true; result: T } | { ran: false };

/**
 * Work done every interval by whichever replica holds a named lease, so it happens once, not once
 * per replica. The lease outlives three intervals (of real time too, whatever the app's clock
 * says: see db/repositories/leases.ts), so a dead holder's turn passes to another replica; passes
 * never overlap within a replica; a failed pass is logged and tried next time.
 */
export function everyWithLease<T>(
  deps: { leases: LeasesStore; clock: () => Date; logger: Logger },
  options: { lease: string; intervalMs: number; failure: string },
  work: () => Promise<T>,
): { holder: string; runOnce(): Promise<LeasedRun<T>>; stop(): Promise<void> } {
  const holder = `${process.pid}-${randomUUID()}`;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function runOnce(): Promise<LeasedRun<T>> {
    if (!(await deps.leases.acquire(options.lease, holder, deps.clock(), options.intervalMs * 3))) {
      return { ran: false };
    }
    return { ran: true, result: await work() };
  }

  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(runOnce).catch((error) => deps.logger.error({ err: error }, options.failure));
  }, options.intervalMs);
  timer.unref();

  return {
    holder,
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => {});
      await deps.leases.release(options.lease, holder).catch(() => {});
    },
  };
}
