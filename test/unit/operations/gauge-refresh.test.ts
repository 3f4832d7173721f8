import { createLogger } from '../../../src/logger';
import { renderMetrics } from '../../../src/metrics/exposition';
import { createMetrics } from '../../../src/metrics/metrics';
import { GAUGE_REFRESH_MS, type GaugeSources, startGaugeRefresh } from '../../../src/metrics/refresh';
import { parseScrape } from '../../integration/operations/scrape';

describe('the database gauges', () => {
  afterEach(() => jest.useRealTimers());

  it('are read on a timer, not per scrape: a scrape shows the last reading until the timer brings the next', async () => {
    jest.useFakeTimers();
    const start = new Date('2026-12-01T15:00:00Z');
    let wall = start;
    let waiting = 1;
    let rateLimited = 0;
    let reads = 0;
    const sources: GaugeSources = {
      async requestCounts() {
        reads += 1;
        return { topup: [{ status: 'requested', count: waiting }], transfer: [], payout_run: [] };
      },
      stuckCounts: async () => ({ topup: new Map(), transfer: new Map() }),
      inboxBacklog: async () => ({ count: 0, oldestReceivedAt: null }),
      outboxBacklog: async () => ({ count: 0, oldestQueuedAt: null }),
      lease: async () => undefined,
      alarmActive: async () => false,
      approvedCents: async () => 0,
    };
    const metrics = createMetrics();
    const refresher = startGaugeRefresh({
      sources,
      metrics,
      clock: () => start,
      wallClock: () => wall,
      dailyCapCents: 2_000_000,
      stuckAlertMinutes: 15,
      slackRateLimited: () => rateLimited,
      logger: createLogger({ level: 'silent' }),
    });
    const scrape = async () => parseScrape((await renderMetrics(metrics.registry)).text);
    try {
      await jest.advanceTimersByTimeAsync(0);
      let m = await scrape();
      expect(m.value('paydesk_requests', { kind: 'topup', status: 'requested' })).toBe(1);
      expect(m.value('paydesk_gauges_refreshed_timestamp_seconds')).toBe(start.getTime() / 1000);

      // The database changes, and Slack answered 429 twice; scrapes alone read nothing.
      waiting = 3;
      rateLimited = 2;
      wall = new Date(start.getTime() + GAUGE_REFRESH_MS);
      for (let i = 0; i < 5; i += 1) m = await scrape();
      expect(reads).toBe(1);
      expect(m.value('paydesk_requests', { kind: 'topup', status: 'requested' })).toBe(1);
      expect(m.value('paydesk_slack_rate_limited_total')).toBe(0);
      expect(m.value('paydesk_gauges_refreshed_timestamp_seconds')).toBe(start.getTime() / 1000);

      await jest.advanceTimersByTimeAsync(GAUGE_REFRESH_MS);
      m = await scrape();
      expect(reads).toBe(2);
      expect(m.value('paydesk_requests', { kind: 'topup', status: 'requested' })).toBe(3);
      expect(m.value('paydesk_slack_rate_limited_total')).toBe(2);
      expect(m.value('paydesk_gauges_refreshed_timestamp_seconds')).toBe(wall.getTime() / 1000);
    } finally {
      await refresher.stop();
    }
  });
});
