import { randomUUID } from 'node:crypto';
import { type CrossCheckResult, crossCheckSample } from './cross-check';
import type { TaxDeps } from './deps';
import { resendUnsentAlerts, sweepThresholds } from './threshold-alert';
import { currentTaxYear } from './year-figures';

/** One replica at a time, at most once per `crossCheck.everyMs`: the lease is taken and left to expire. */
export const TAX_CHECK_LEASE = 'tax-check';

export type TaxPassReport = {
  resentAlerts: number;
  sweptAlerts: string[];
  crossChecked: CrossCheckResult[] | null;
};

/**
 * The reconciler's tax pass: alerts a dead replica claimed and never queued (every pass); the
 * threshold sweep (catches details Stripe lost after the crossing, or a missed watch) and the
 * cross-check against Stripe, only when the `tax-check` lease is free, so not every 30 seconds.
 */
export function taxReconcilePass(deps: TaxDeps): (now: Date) => Promise<TaxPassReport> {
  return async (now) => {
    const report: TaxPassReport = { resentAlerts: 0, sweptAlerts: [], crossChecked: null };
    report.resentAlerts = await resendUnsentAlerts(deps, now);
    // A fresh holder each time: the lease is only free once the last one has expired.
    if (!(await deps.leases.acquire(TAX_CHECK_LEASE, randomUUID(), now, deps.crossCheck.everyMs)))
      return report;
    const year = currentTaxYear(deps);
    report.sweptAlerts = await sweepThresholds(deps, year);
    report.crossChecked = await crossCheckSample(deps, year);
    return report;
  };
}
