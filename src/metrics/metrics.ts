import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds: Slack wants an answer within 3 s, Stripe calls may take up to the timeout. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const STRIPE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60];

/**
 * Every metric Paydesk exposes, on a registry of this app instance's own (not prom-client's global
 * one), so two replicas in one process, as in the tests, never share a counter. Gauges read from
 * the database are set by a timer (src/metrics/refresh.ts), never per scrape.
 */
export function createMetrics() {
  // Node's default metrics are the process's, added at scrape time (exposition.ts).
  const registry = new Registry();
  const on = { registers: [registry] };
  return {
    registry,
    slack: {
      requests: new Counter({
        name: 'paydesk_slack_requests_total',
        help: 'Requests from Slack by kind (command, action, view, event, other) and outcome (ok, replay, database_down, refused, error, abandoned: closed before its answer)',
        labelNames: ['kind', 'outcome'] as const,
        ...on,
      }),
      ackSeconds: new Histogram({
        name: 'paydesk_slack_ack_seconds',
        help: 'Seconds from a Slack request arriving to its answer (Slack gives up after 3 s)',
        labelNames: ['kind'] as const,
        buckets: ACK_BUCKETS,
        ...on,
      }),
    },
    webhooks: {
      deliveries: new Counter({
        name: 'paydesk_stripe_webhook_deliveries_total',
        help: 'Stripe webhook deliveries by event type and intake outcome (queued, duplicate, ignored, invalid_signature, not_stored, bad_request)',
        labelNames: ['type', 'outcome'] as const,
        ...on,
      }),
      intakeSeconds: new Histogram({
        name: 'paydesk_stripe_webhook_intake_seconds',
        help: 'Seconds from a Stripe webhook delivery arriving to its answer (verify and store)',
        buckets: ACK_BUCKETS,
        ...on,
      }),
      inboxDepth: new Gauge({
        name: 'paydesk_stripe_inbox_depth',
        help: 'Stripe events stored and not processed yet (all replicas)',
        ...on,
      }),
      inboxOldestAge: new Gauge({
        name: 'paydesk_stripe_inbox_oldest_age_seconds',
        help: 'Age of the oldest unprocessed Stripe event in seconds (0 when none waits)',
        ...on,
      }),
    },
    outbox: {
      depth: new Gauge({
        name: 'paydesk_slack_outbox_depth',
        help: 'Slack sends (alerts, message updates, DMs) queued or being sent (all replicas)',
        ...on,
      }),
      oldestAge: new Gauge({
        name: 'paydesk_slack_outbox_oldest_age_seconds',
        help: 'Age of the oldest unsent Slack send in seconds (0 when none waits)',
        ...on,
      }),
      rateLimited: new Counter({
        name: 'paydesk_slack_rate_limited_total',
        help: "429s (rate limited) this replica's Slack sender received",
        ...on,
      }),
    },
    stripe: {
      calls: new Counter({
        name: 'paydesk_stripe_calls_total',
        help: 'Stripe API calls by gateway method and outcome (ok, refused, uncertain, rate_limited)',
        labelNames: ['method', 'outcome'] as const,
        ...on,
      }),
      callSeconds: new Histogram({
        name: 'paydesk_stripe_call_seconds',
        help: "Seconds a Stripe call took, stripe-node's own retries included",
        labelNames: ['method'] as const,
        buckets: STRIPE_BUCKETS,
        ...on,
      }),
    },
    money: {
      requests: new Gauge({
        name: 'paydesk_requests',
        help: 'Requests by kind (topup, transfer, payout_run) and status, from the database',
        labelNames: ['kind', 'status'] as const,
        ...on,
      }),
      approvedTodayCents: new Gauge({
        name: 'paydesk_transfers_approved_today_cents',
        help: 'Cents of transfers approved today (UTC day), counted against the daily cap',
        ...on,
      }),
      dailyCapCents: new Gauge({
        name: 'paydesk_transfers_daily_cap_cents',
        help: 'The daily transfer cap in cents (DAILY_TRANSFER_CAP_CENTS)',
        ...on,
      }),
      stuck: new Gauge({
        name: 'paydesk_requests_stuck',
        help: 'Requests sending to Stripe (submitting) or approved and not sent for longer than STUCK_ALERT_MINUTES',
        labelNames: ['kind', 'status'] as const,
        ...on,
      }),
      alarmActive: new Gauge({
        name: 'paydesk_stuck_money_alarm_active',
        help: '1 while the stuck-money alarm is raised in the finance channel, else 0',
        ...on,
      }),
      refreshedAt: new Gauge({
        name: 'paydesk_gauges_refreshed_timestamp_seconds',
        help: 'When the database gauges were last read (Unix seconds)',
        ...on,
      }),
    },
    reconciler: {
      passes: new Counter({
        name: 'paydesk_reconciler_passes_total',
        help: 'Reconciler passes this replica ran, by outcome (ok, failed)',
        labelNames: ['outcome'] as const,
        ...on,
      }),
      repairs: new Counter({
        name: 'paydesk_reconciler_repairs_total',
        help: 'Requests the reconciler repaired, by kind of repair',
        labelNames: ['kind'] as const,
        ...on,
      }),
      leaseHeld: new Gauge({
        name: 'paydesk_reconciler_lease_held',
        help: '1 when this replica holds the reconciler lease, else 0',
        ...on,
      }),
      lastSuccess: new Gauge({
        name: 'paydesk_reconciler_last_success_timestamp_seconds',
        help: 'When a reconciler pass last succeeded on this replica (Unix seconds; 0 before the first)',
        ...on,
      }),
    },
  };
}

export type PaydeskMetrics = ReturnType<typeof createMetrics>;
