import type { Logger } from '../../logger';
import { everyWithLease } from '../leased-timer';
import type { LeasesStore } from '../reconciler/ports';
import type { AuditCheckpoint } from './types';

export const AUDIT_CHECKPOINT_LEASE = 'audit-checkpoint';
/** Checked hourly, posted when the newest checkpoint is a day old: restarts never skip a day. */
export const AUDIT_CHECKPOINT_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The daily checkpoint of the audit chain's head, posted by whichever replica holds the lease
 * (the reconciler's lease store, under its own name), so the channel gets one, not one per replica.
 */
export function startAuditCheckpoints(deps: {
  audit: { checkpointIfDue(): Promise<AuditCheckpoint | undefined> };
  leases: LeasesStore;
  clock: () => Date;
  logger: Logger;
  intervalMs?: number;
}): { stop(): Promise<void>; holder: string; runOnce(): Promise<AuditCheckpoint | undefined> } {
  const timer = everyWithLease(
    deps,
    {
      lease: AUDIT_CHECKPOINT_LEASE,
      intervalMs: deps.intervalMs ?? AUDIT_CHECKPOINT_INTERVAL_MS,
      failure: 'audit checkpoint failed; will try again',
    },
    () => deps.audit.checkpointIfDue(),
  );
  return {
    holder: timer.holder,
    stop: timer.stop,
    async runOnce() {
      const pass = await timer.runOnce();
      return pass.ran ? pass.result : undefined;
    },
  };
}
