import type { LatencyStats } from './load';
import type { AckRow } from './phases/slack-acks';
import type { BatchRow } from './phases/batch';
import type { MemoryRow } from './phases/memory';
import type { WebhookRow } from './phases/webhooks';
import type { Machine } from './world';

export type Target = { name: string; measured: string; met: boolean };

export type BenchResult = {
  mode: 'quick' | 'full';
  startedAt: string;
  durationSeconds: number;
  machine: Machine;
  /** Counts actually used (quick mode scales the full run's down). */
  scale: { slackRequests: number; concurrencies: number[]; webhookDeliveries: number; batchLines: number; memoryRequests: number };
  acks: AckRow[];
  webhooks: WebhookRow;
  batch: BatchRow;
  memory: MemoryRow;
  targets: Target[];
};

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 100 ? int(n) : n.toFixed(1));
const pct = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.001 ? 2 : 1)}%`;
const times = (n: number) => `${n.toFixed(2)}×`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const signedMb = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)} MB`;
const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join(
    '\n',
  );
const latency = (stats: LatencyStats) => [ms(stats.p50), ms(stats.p95), ms(stats.p99), ms(stats.max)];

export function targetsOf(result: Omit<BenchResult, 'targets'>): Target[] {
  const at50 = result.acks.filter((row) => row.concurrency === 50);
  const worstP99 = Math.max(...at50.map((row) => row.paydesk.p99));
  const worstRatio = Math.max(...at50.map((row) => row.p99Ratio));
  const { webhooks, batch, memory } = result;
  return [
    { name: 'p99 ack at concurrency 50 < 100 ms', measured: at50.map((r) => `${r.request} ${ms(r.paydesk.p99)} ms`).join(', '), met: worstP99 < 100 },
    { name: 'p99 ratio to bare Bolt at concurrency 50 < 3', measured: at50.map((r) => `${r.request} ${times(r.p99Ratio)}`).join(', '), met: worstRatio < 3 },
    {
      name: 'webhook throughput ratio to bare > 0.3, 0 lost, 0 applied twice',
      measured: `${times(webhooks.throughputRatio)}, ${webhooks.lost} lost, ${webhooks.appliedTwice} applied twice`,
      met: webhooks.throughputRatio > 0.3 && webhooks.lost === 0 && webhooks.appliedTwice === 0,
    },
    { name: 'batch wall time ≤ 1.1 × floor', measured: times(batch.ratio), met: batch.ratio <= 1.1 },
    { name: 'memory growth < 50 MB', measured: signedMb(memory.rssGrowthMb), met: memory.rssGrowthMb < 50 },
  ];
}

/** The whole result as Markdown: what `npm run bench` prints and what the README quotes. */
export function renderMarkdown(result: BenchResult): string {
  const { machine, acks, webhooks, batch, memory } = result;
  const where = `_${machine.cores} cores (${machine.cpuModel}) · Node ${machine.node} · DB peer: ${machine.dbPeer}_`;
  const quick = result.mode === 'quick' ? ' — **quick mode: counts scaled down, see each table**' : '';
  const drains = acks
    .map((row) => `${row.request} at ${row.concurrency}: ${(row.paydeskDrainMs / 1000).toFixed(1)} s`)
    .join('; ');
  const statuses = (counts: Record<number, number>) =>
    Object.entries(counts)
      .filter(([status]) => status !== '200')
      .map(([status, n]) => `${n} × ${status === '0' ? 'no answer' : status}`)
      .join(', ') || 'none';

  return [
    `## Paydesk benchmark: ${result.mode} run, ${result.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${result.durationSeconds} s${quick}`,
    '',
    where,
    '',
    '### 1. Slack ack latency (ms from sending the signed request to the HTTP answer, i.e. the ack)',
    '',
    table(
      ['request', 'concurrency', 'app', 'n', 'p50', 'p95', 'p99', 'max', '> 3 s', 'p99 ÷ bare'],
      acks.flatMap((row) => [
        [row.request, String(row.concurrency), 'Paydesk', int(row.paydesk.count), ...latency(row.paydesk), pct(row.paydesk.overBudget), times(row.p99Ratio)],
        [row.request, String(row.concurrency), 'bare Bolt (ack only)', int(row.bare.count), ...latency(row.bare), pct(row.bare.overBudget), ''],
      ]),
    ),
    '',
    `Answers other than 200: Paydesk ${acks.reduce((n, row) => n + row.non200.paydesk, 0)}, bare ${acks.reduce((n, row) => n + row.non200.bare, 0)}. ` +
      `Acked but failed afterwards: ${acks.map((row) => `${row.request} at ${row.concurrency}: ${row.failedAfterAck}`).join('; ')}. ` +
      `Paydesk's work after the acks (database, Slack posts, Stripe calls) then took this long to finish, and was drained before the next step: ${drains}.`,
    '',
    '### 2. Stripe webhook intake',
    '',
    where,
    '',
    table(
      ['app', 'deliveries', 'concurrency', 'events/s', 'p50 ms', 'p99 ms', 'max ms', 'not 200', 'lost', 'applied twice'],
      [
        ['Paydesk', `${int(webhooks.deliveries)} (${int(webhooks.unique)} unique + ${int(webhooks.duplicates)} repeats)`, String(webhooks.concurrency), int(webhooks.paydesk.eventsPerSecond), ms(webhooks.paydesk.stats.p50), ms(webhooks.paydesk.stats.p99), ms(webhooks.paydesk.stats.max), statuses(webhooks.paydesk.statuses), String(webhooks.lost), String(webhooks.appliedTwice)],
        ['bare node:http (signature check only)', int(webhooks.deliveries), String(webhooks.concurrency), int(webhooks.bare.eventsPerSecond), ms(webhooks.bare.stats.p50), ms(webhooks.bare.stats.p99), ms(webhooks.bare.stats.max), statuses(webhooks.bare.statuses), '', ''],
      ],
    ),
    '',
    `Throughput ratio Paydesk ÷ bare: **${times(webhooks.throughputRatio)}**. Unique events: ${Object.entries(webhooks.mix).map(([type, n]) => `${type} ${int(n)}`).join(', ')}. ` +
      `Top-up state changes carried: ${int(webhooks.expectedChanges)}, applied: ${int(webhooks.appliedChanges)}. ` +
      `A 409 means the event's twin was being processed at that moment; the bench then delivered ${int(webhooks.redelivered)} not-yet-processed events again, as Stripe would.`,
    '',
    '### 3. Batch run against the Stripe simulator\'s rate limit',
    '',
    where,
    '',
    table(
      ['driver', 'lines', 'configured pace', 'simulator limit', 'floor', 'wall', 'wall ÷ floor', '429s', 'paid / failed'],
      [[batch.driver, int(batch.lines), `${batch.perSecond}/s`, `${batch.simulatorLimitPerSecond}/s`, `${(batch.floorMs / 1000).toFixed(1)} s`, `${(batch.wallMs / 1000).toFixed(1)} s`, `**${times(batch.ratio)}**`, String(batch.rateLimited), `${int(batch.paid)} / ${int(batch.failed)}`]],
    ),
    '',
    '### 4. Memory (Paydesk process, after a forced GC)',
    '',
    where,
    '',
    table(
      ['requests', 'RSS after warm-up', 'RSS after', 'RSS growth', 'heap used after warm-up', 'heap used after', 'heap growth'],
      [[int(memory.requests), mb(memory.warm.rssBytes), mb(memory.after.rssBytes), `**${signedMb(memory.rssGrowthMb)}**`, mb(memory.warm.heapUsedBytes), mb(memory.after.heapUsedBytes), signedMb(memory.heapGrowthMb)]],
    ),
    '',
    `Mix (${memory.chunks} chunks at concurrency 50, each drained): ${memory.mix}. Unexpected answers: ${memory.non2xx}. RSS after each chunk (MB): ${memory.rssTrendMb.join(', ')}.`,
    '',
    '### Targets',
    '',
    table(
      ['target', 'measured', 'met'],
      result.targets.map((target) => [target.name, target.measured, target.met ? 'yes' : '**no**']),
    ),
  ].join('\n');
}
