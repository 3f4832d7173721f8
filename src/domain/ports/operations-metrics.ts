import type { ReconcileReport } from '../reconciler/reconcile';

/**
 * What the reconciler tells the metrics (src/metrics implements it with Prometheus counters).
 * Optional everywhere: without it nothing is counted and nothing else changes.
 */
export type ReconcilerMetrics = {
  passed(report: ReconcileReport, at: Date): void;
  failed(): void;
};
