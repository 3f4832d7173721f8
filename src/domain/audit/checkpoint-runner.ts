import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger';
import type { LeasesStore } from '../reconciler/ports';
import type { AuditCheckpoint } from './types';

export const AUDIT_CHECKPOINT_LEASE = 'audit-checkpoint';
/** Checked hourly, posted when the newest checkpoint is a day old: restarts never skip a day. */
export const AUDIT_CHECKPOINT_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The daily checkpoint of the audit chain's head, posted by whichever replica holds the lease
 * (the reconciler's lease store, under its own name), so the channel gets one, not one per replica.
 * The lease outlives three intervals, so a dead holder's turn passes to another replica.
 */
export function startAuditCheckpoints(deps: {
  audit: { checkpointIfDue(): Promise<AuditCheckpoint | undefined> };
  leases: LeasesStore;
  clock: () => Date;
  logger: Logger;
  intervalMs?: number;
}): { stop(): Promise<void>; holder: string; runOnce(): Promise<AuditCheckpoint | undefined> } {
  const intervalMs = deps.intervalMs ?? AUDIT_CHECKPOINT_INTERVAL_MS;
  const holder = `${process.pid}-${randomUUID()}`;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function runOnce(): Promise<AuditCheckpoint | undefined> {
    if (!(await deps.leases.acquire(AUDIT_CHECKPOINT_LEASE, holder, deps.clock(), intervalMs * 3))) {
      return undefined;
    }
    return deps.audit.checkpointIfDue();
  }

  const timer = setInterval(() => {
    if (stopped) return;
    running = running
      .then(runOnce)
      .catch((error) => deps.logger.error({ err: error }, 'audit checkpoint failed; will try again'));
  }, intervalMs);
  timer.unref();

  return {
    holder,
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => {});
      await deps.leases.release(AUDIT_CHECKPOINT_LEASE, holder).catch(() => {});
    },
  };
}
