import { randomUUID } from 'node:crypto';
import { type CrossCheckResult, crossCheckSample } from './cross-check';
import type { TaxDeps } from './deps';
import { taxYearOf } from './tax-year';
import { resendUnsentAlerts, sweepThresholds } from './threshold-alert';

/** One replica at a time, at most once per `crossCheck.everyMs`: the lease is taken and left to expire. */
export const TAX_CHECK_LEASE = 'tax-check';

export type TaxPassReport = {
  resentAlerts: number;
  sweptAlerts: string[];
  crossChecked: CrossCheckResult[] | null;
};

/**
 * The year running, and until the 1099s are due (January 31) the year before: a payment late in
 * December whose check failed is still looked at when last year's figures are being filed.
 */
function yearsUnderWatch(deps: TaxDeps, now: Date): number[] {
  const year = taxYearOf(now, deps.timeZone);
  const filingOpen = taxYearOf(new Date(now.getTime() - 31 * 24 * 3600_000), deps.timeZone) < year;
  return filingOpen ? [year - 1, year] : [year];
}

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
    report.crossChecked = [];
    for (const year of yearsUnderWatch(deps, now)) {
      report.sweptAlerts.push(...(await sweepThresholds(deps, year)));
      report.crossChecked.push(...(await crossCheckSample(deps, year)));
    }
    return report;
  };
}
