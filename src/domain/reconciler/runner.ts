import type { Logger } from '../../logger';
import { everyWithLease } from '../leased-timer';
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
  const timer = everyWithLease(
    deps,
    {
      lease: RECONCILER_LEASE,
      intervalMs: deps.intervalMs,
      failure: 'reconciler pass failed; will try again',
    },
    () => reconcileOnce(deps.reconcile),
  );
  return {
    holder: timer.holder,
    stop: timer.stop,
    async runOnce() {
      return (await timer.runOnce()).ran;
    },
  };
}
