import type { Logger } from '../../logger';
import { everyWithLease } from '../leased-timer';
import type { ReconcilerMetrics } from '../ports/operations-metrics';
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
  /** Passes, repairs and the last success (GET /metrics). */
  metrics?: ReconcilerMetrics;
}): { stop(): Promise<void>; holder: string; runOnce(): Promise<boolean> } {
  const timer = everyWithLease(
    deps,
    {
      lease: RECONCILER_LEASE,
      intervalMs: deps.intervalMs,
      failure: 'reconciler pass failed; will try again',
    },
    async () => {
      try {
        const report = await reconcileOnce(deps.reconcile);
        deps.metrics?.passed(report, deps.clock());
        return report;
      } catch (error) {
        deps.metrics?.failed();
        throw error;
      }
    },
  );
  return {
    holder: timer.holder,
    stop: timer.stop,
    async runOnce() {
      return (await timer.runOnce()).ran;
    },
  };
}
