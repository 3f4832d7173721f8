import { subMinutes } from 'date-fns';
import { STUCK_MONEY_ALARM } from '../domain/alarms/stuck-money';
import { RECONCILER_LEASE } from '../domain/reconciler/runner';
import { capDayOf } from '../domain/transfers/daily-cap';
import type { Logger } from '../logger';
import type { PaydeskMetrics } from './metrics';

/** Every replica reads the database gauges this often; a scrape only reads memory. */
export const GAUGE_REFRESH_MS = 15_000;

/** The reads the gauges need (src/db/repositories/operations.ts and daily totals). */
export type GaugeSources = {
  requestCounts(): Promise<Record<string, { status: string; count: number }[]>>;
  stuckCounts(olderThan: Date): Promise<Record<'topup' | 'transfer', Map<string, number>>>;
  inboxBacklog(): Promise<{ count: number; oldestReceivedAt: Date | null }>;
  outboxBacklog(): Promise<{ count: number; oldestQueuedAt: Date | null }>;
  lease(name: string): Promise<{ holder: string; expiresAt: Date } | undefined>;
  alarmActive(name: string): Promise<boolean>;
  approvedCents(day: string): Promise<number>;
};

export type GaugeRefreshDeps = {
  sources: GaugeSources;
  metrics: PaydeskMetrics;
  /** The app's clock: request and inbox times are on it. */
  clock: () => Date;
  /** The outbox queues on the wall clock (Slack's limits are in real seconds). */
  wallClock: () => Date;
  dailyCapCents: number;
  stuckAlertMinutes: number;
  /** This replica's reconciler lease holder id, if it runs one. */
  reconcilerHolder?: string;
  /** This replica's Slack sender: 429s it received so far. */
  slackRateLimited: () => number;
  logger: Logger;
};

const ageSeconds = (now: Date, since: Date | null) =>
  since ? Math.max(0, (now.getTime() - since.getTime()) / 1000) : 0;

/** Reads every database gauge once. */
export async function refreshGauges(deps: GaugeRefreshDeps): Promise<void> {
  const { sources, metrics } = deps;
  const now = deps.clock();
  const [counts, stuck, inbox, outbox, lease, alarm, approved] = await Promise.all([
    sources.requestCounts(),
    sources.stuckCounts(subMinutes(now, deps.stuckAlertMinutes)),
    sources.inboxBacklog(),
    sources.outboxBacklog(),
    sources.lease(RECONCILER_LEASE),
    sources.alarmActive(STUCK_MONEY_ALARM),
    sources.approvedCents(capDayOf(now)),
  ]);
  // Statuses that emptied since the last read must read 0, not keep their old value.
  metrics.money.requests.reset();
  for (const [kind, rows] of Object.entries(counts)) {
    for (const row of rows) metrics.money.requests.set({ kind, status: row.status }, row.count);
  }
  for (const kind of ['topup', 'transfer'] as const) {
    for (const status of ['submitting', 'approved']) {
      metrics.money.stuck.set({ kind, status }, stuck[kind].get(status) ?? 0);
    }
  }
  metrics.money.approvedTodayCents.set(approved);
  metrics.money.dailyCapCents.set(deps.dailyCapCents);
  metrics.money.alarmActive.set(alarm ? 1 : 0);
  metrics.webhooks.inboxDepth.set(inbox.count);
  metrics.webhooks.inboxOldestAge.set(ageSeconds(now, inbox.oldestReceivedAt));
  metrics.outbox.depth.set(outbox.count);
  metrics.outbox.oldestAge.set(ageSeconds(deps.wallClock(), outbox.oldestQueuedAt));
  const held = lease !== undefined && lease.holder === deps.reconcilerHolder && lease.expiresAt > now;
  metrics.reconciler.leaseHeld.set(held ? 1 : 0);
  metrics.money.refreshedAt.set(deps.wallClock().getTime() / 1000);
}

/**
 * The gauges on a timer, plus the Slack sender's 429 count (kept in memory by the sender) carried
 * into its counter at each refresh.
 */
export function startGaugeRefresh(deps: GaugeRefreshDeps, intervalMs = GAUGE_REFRESH_MS) {
  let seen = 0;
  let running: Promise<void> = Promise.resolve();
  const refresh = () => {
    const rateLimited = deps.slackRateLimited();
    if (rateLimited > seen) deps.metrics.outbox.rateLimited.inc(rateLimited - seen);
    seen = rateLimited;
    running = running
      .then(() => refreshGauges(deps))
      .catch((error) => deps.logger.warn({ err: error }, 'could not refresh the metrics gauges'));
    return running;
  };
  void refresh();
  const timer = setInterval(refresh, intervalMs);
  timer.unref();
  return {
    refresh,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
