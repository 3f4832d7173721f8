import { systemClock } from '../clock';
import { alarmsRepository } from '../db/repositories/alarms';
import { dailyTotalsRepository } from '../db/repositories/daily-totals';
import { leasesRepository } from '../db/repositories/leases';
import { operationsRepository } from '../db/repositories/operations';
import { checkStuckMoney, type StuckMoneyDeps, startStuckMoneyAlarm } from '../domain/alarms/stuck-money';
import { startMetricsServer } from '../http/metrics';
import { inboxCheck, type ReadinessCheck, reconcilerCheck } from '../http/readiness';
import { type GaugeRefreshDeps, refreshGauges, startGaugeRefresh } from '../metrics/refresh';
import { stuckMoneyNotifier } from '../slack/notify/stuck-money';
import type { Services } from './services';

/** What /readyz checks besides the database ping. */
export function readinessChecks(services: Services): ReadinessCheck[] {
  const repo = operationsRepository(services.db.models);
  const { config, clock } = services;
  return [
    inboxCheck({
      untried: () => repo.untriedInboxEvents(),
      clock,
      thresholdMinutes: config.operations.stuckAlertMinutes,
    }),
    reconcilerCheck({
      lease: (name) => repo.lease(name),
      clock,
      intervalSeconds: config.reconcileIntervalSeconds,
      startedAt: clock(),
    }),
  ];
}

export type Operations = {
  /** Reads the database gauges now (a timer does it every 15 s where metrics are on). */
  refreshMetrics(): Promise<void>;
  stuckMoney: {
    /** A pass on the timer's terms: only while this replica holds the alarm's lease. */
    runOnce(): ReturnType<ReturnType<typeof startStuckMoneyAlarm>['runOnce']>;
    /** A pass regardless of the lease (the state document alone keeps it to one alert). */
    check(): ReturnType<typeof checkStuckMoney>;
  };
  /** The METRICS_PORT listener's port, when there is one. */
  metricsPort?: number;
  stop(): Promise<void>;
};

/**
 * The operator side of a replica: the metrics gauges on a timer (only where metrics are served),
 * GET /metrics on its own port when METRICS_PORT is set, and the stuck-money alarm.
 */
export async function startOperations(
  services: Services,
  options: { reconcilerHolder?: string },
): Promise<Operations> {
  const { config, db, metrics, logger, clock } = services;
  const repo = operationsRepository(db.models);
  const dailyTotals = dailyTotalsRepository(db.models);
  const gauges: GaugeRefreshDeps = {
    sources: { ...repo, approvedCents: (day) => dailyTotals.used(day) },
    metrics,
    clock,
    wallClock: systemClock,
    dailyCapCents: config.policy.dailyTransferCapCents,
    stuckAlertMinutes: config.operations.stuckAlertMinutes,
    reconcilerHolder: options.reconcilerHolder,
    slackRateLimited: () => services.slackOutbox.sender.rateLimited,
    logger,
  };
  const { metricsToken: token, metricsPort } = config.operations;
  const served = token !== undefined || metricsPort !== undefined;
  const refresher = served ? startGaugeRefresh(gauges) : undefined;
  const server =
    metricsPort === undefined
      ? undefined
      : await startMetricsServer(metricsPort, { registry: metrics.registry, token, logger });
  const alarmDeps: StuckMoneyDeps = {
    source: repo.source,
    alarms: alarmsRepository(db.models),
    notifier: stuckMoneyNotifier({
      outbox: services.slackOutbox.outbox,
      channelId: config.finance.channelId,
    }),
    clock,
    thresholdMinutes: config.operations.stuckAlertMinutes,
    logger,
  };
  const alarm = startStuckMoneyAlarm({ ...alarmDeps, leases: leasesRepository(db.models) });
  return {
    refreshMetrics: () => (refresher ? refresher.refresh() : refreshGauges(gauges)),
    stuckMoney: { runOnce: () => alarm.runOnce(), check: () => checkStuckMoney(alarmDeps) },
    metricsPort: server?.port,
    async stop() {
      await alarm.stop();
      await refresher?.stop();
      await server?.close();
      metrics.registry.clear();
    },
  };
}
