import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger';
import type { LeasesStore } from './ports';
import { type ReconcileDeps, reconcileOnce } from './reconcile';

export const RECONCILER_LEASE = 'reconciler';

/**
 * Runs a reconcile pass every interval on whichever replica holds the lease. The lease lasts
 * three intervals, so a dead holder's lease is taken over within that time.
 */
export function startReconciler(deps: {
  reconcile: ReconcileDeps;
  leases: LeasesStore;
  clock: () => Date;
  logger: Logger;
  intervalMs: number;
}): { stop(): Promise<void>; holder: string; runOnce(): Promise<boolean> } {
  const holder = `${process.pid}-${randomUUID()}`;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function runOnce(): Promise<boolean> {
    if (!(await deps.leases.acquire(RECONCILER_LEASE, holder, deps.clock(), deps.intervalMs * 3)))
      return false;
    await reconcileOnce(deps.reconcile);
    return true;
  }

  const timer = setInterval(() => {
    if (stopped) return;
    running = running
      .then(runOnce)
      .catch((error) => deps.logger.error({ err: error }, 'reconciler pass failed; will try again'));
  }, deps.intervalMs);
  timer.unref();

  return {
    holder,
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => {});
      await deps.leases.release(RECONCILER_LEASE, holder).catch(() => {});
    },
  };
}
