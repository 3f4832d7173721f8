import { RECONCILER_LEASE } from '../domain/reconciler/runner';

/** One line of /readyz: whether it holds, and why, in words (no ids, hosts or secrets). */
export type CheckResult = { ok: boolean; detail: string };
export type ReadinessCheck = { name: string; run(): Promise<CheckResult> };

/** A check that does not answer in time fails, so /readyz itself always answers within seconds. */
export const CHECK_TIMEOUT_MS = 2_000;

export function withTimeout(check: ReadinessCheck, timeoutMs = CHECK_TIMEOUT_MS): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: 'did not answer in time' }), timeoutMs);
  });
  const run = check.run().catch(() => ({ ok: false, detail: 'could not be checked' }));
  return Promise.race([run, late]).finally(() => clearTimeout(timer));
}

const minutes = (ms: number) => Math.round(ms / 60_000);
const events = (count: number) => (count === 1 ? '1 Stripe event' : `${count} Stripe events`);
const seconds = (ms: number) => Math.round(ms / 1000);

/**
 * Stalled: an event waits that no replica has even tried, for longer than the stuck-money
 * threshold. An event that fails and waits for its retry does not stall the inbox.
 */
export function inboxCheck(deps: {
  untried(): Promise<{ count: number; oldestReceivedAt: Date | null }>;
  clock: () => Date;
  thresholdMinutes: number;
}): ReadinessCheck {
  return {
    name: 'inbox',
    async run() {
      const { count, oldestReceivedAt } = await deps.untried();
      const waitedMs = oldestReceivedAt ? deps.clock().getTime() - oldestReceivedAt.getTime() : 0;
      if (waitedMs > deps.thresholdMinutes * 60_000) {
        return {
          ok: false,
          detail: `stalled: ${events(count)} waiting, the oldest not picked up for ${minutes(waitedMs)} minutes`,
        };
      }
      return { ok: true, detail: count === 0 ? 'nothing waiting' : `${events(count)} waiting` };
    },
  };
}

/**
 * Seen recently: some replica renewed the reconciler lease within its lifetime plus one interval
 * (time for another replica to take over a dead holder's). Not failed while this replica is young
 * enough that nobody may have run a pass yet, and not checked where the reconciler is turned off.
 */
export function reconcilerCheck(deps: {
  lease(name: string): Promise<{ expiresAt: Date } | undefined>;
  clock: () => Date;
  intervalSeconds: number;
  startedAt: Date;
}): ReadinessCheck {
  return {
    name: 'reconciler',
    async run() {
      if (deps.intervalSeconds === 0) return { ok: true, detail: 'not run on this replica' };
      const intervalMs = deps.intervalSeconds * 1000;
      const now = deps.clock().getTime();
      const lease = await deps.lease(RECONCILER_LEASE);
      if (lease && lease.expiresAt.getTime() > now - intervalMs) {
        const renewedAgo = Math.max(0, now - (lease.expiresAt.getTime() - 3 * intervalMs));
        return { ok: true, detail: `lease renewed ${seconds(renewedAgo)} s ago` };
      }
      if (now - deps.startedAt.getTime() < 3 * intervalMs) {
        return { ok: true, detail: 'starting: no pass seen yet' };
      }
      const detail = lease
        ? `the reconciler lease expired ${seconds(now - lease.expiresAt.getTime())} s ago and no replica took it`
        : 'no replica has taken the reconciler lease';
      return { ok: false, detail };
    },
  };
}
