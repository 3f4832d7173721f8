import type { ReconcilerMetrics } from '../domain/ports/operations-metrics';
import type { ReconcileReport } from '../domain/reconciler/reconcile';
import type { PaydeskMetrics } from './metrics';

/** Every kind of repair a pass reports, so each shows as 0 before the first one. */
const REPAIRS: (keyof ReconcileReport)[] = [
  'resubmitted',
  'startedSubmissions',
  'settledFromStripe',
  'expired',
  'resentNews',
  'reversals',
  'approvalsAudited',
];

/** The reconciler's counters and its last success, as Prometheus metrics. */
export function reconcilerMetrics(metrics: PaydeskMetrics['reconciler']): ReconcilerMetrics {
  metrics.passes.inc({ outcome: 'ok' }, 0);
  metrics.passes.inc({ outcome: 'failed' }, 0);
  for (const kind of REPAIRS) metrics.repairs.inc({ kind }, 0);
  return {
    passed(report, at) {
      metrics.passes.inc({ outcome: 'ok' });
      for (const [kind, refs] of Object.entries(report)) {
        if (refs.length > 0) metrics.repairs.inc({ kind }, refs.length);
      }
      metrics.lastSuccess.set(at.getTime() / 1000);
    },
    failed() {
      metrics.passes.inc({ outcome: 'failed' });
    },
  };
}
