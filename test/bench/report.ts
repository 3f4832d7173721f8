import type { CpuSplit } from './cpu';
import type { LatencyStats } from './load';
import type { BatchRow } from './phases/batch';
import type { MemoryRow } from './phases/memory';
import type { AckRow } from './phases/slack-acks';
import type { WebhookRow } from './phases/webhooks';
import type { SlackPostsRow } from './slack-posts';
import type { Machine } from './world';

export type Target = { name: string; measured: string; met: boolean };

export type BenchResult = {
  mode: 'quick' | 'full';
  startedAt: string;
  durationSeconds: number;
  machine: Machine;
  /** Counts actually used (quick mode scales the full run's down). */
  scale: {
    slackRequests: number;
    concurrencies: number[];
    openLoop: { requests: number; perSecond: number };
    webhookDeliveries: number;
    batchLines: number;
    memoryRequests: number;
  };
  acks: AckRow[];
  webhooks: WebhookRow;
  batch: BatchRow;
  memory: MemoryRow;
  /** Every Slack post of the whole run, checked for doubles at the end. */
  slackPosts: SlackPostsRow;
  /** Each process's CPU time in the Paydesk sections of the phases. */
  cpu: CpuSplit[];
  targets: Target[];
};

const sum = (values: number[]) => values.reduce((total, n) => total + n, 0);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 100 ? int(n) : n.toFixed(1));
const pct = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.001 ? 2 : 1)}%`;
const times = (n: number) => `${n.toFixed(2)}×`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const signedMb = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)} MB`;
const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
const wave = (maxMs: number | null) => (maxMs === null ? '' : ms(maxMs));
const latency = (stats: LatencyStats) => [ms(stats.p50), ms(stats.p95), ms(stats.p99), ms(stats.max)];

export function targetsOf(result: Omit<BenchResult, 'targets'>): Target[] {
  const at50 = result.acks.filter((row) => row.concurrency === 50);
  const worstRatio = Math.max(...at50.map((row) => row.p99Ratio));
  const { webhooks, batch, memory } = result;
  const at200 = result.acks.filter((row) => row.concurrency === 200);
  const firstWaveMax = Math.max(
    ...at200.map((row) => row.firstWaveMaxMs.paydesk ?? Number.POSITIVE_INFINITY),
  );
  const p99VsBare = webhooks.paydesk.stats.p99 / webhooks.bare.stats.p99;
  return [
    {
      name: 'ack p99 at 50 in flight ≤ 1.5 × bare Bolt',
      measured: at50.map((r) => `${r.request} ${times(r.p99Ratio)} (${ms(r.paydesk.p99)} ms)`).join(', '),
      met: worstRatio <= 1.5,
    },
    {
      name: 'first-wave max at 200 in flight < 1 s',
      measured: at200.map((r) => `${r.request} ${wave(r.firstWaveMaxMs.paydesk)}`).join(', '),
      met: firstWaveMax < 1000,
    },
    {
      name: 'webhook intake ≥ 0.5 × bare events/s, p99 ≤ 2 × bare, 0 lost, 0 applied twice',
      measured: `${times(webhooks.throughputRatio)}, p99 ${times(p99VsBare)}, ${webhooks.lost} lost, ${webhooks.appliedTwice} applied twice`,
      met:
        webhooks.throughputRatio >= 0.5 &&
        p99VsBare <= 2 &&
        webhooks.lost === 0 &&
        webhooks.appliedTwice === 0,
    },
    {
      name: '0 doubled Slack posts (whole run)',
      measured: `${int(result.slackPosts.doubled)} doubled among ${int(result.slackPosts.outboxSends)} outbox sends and ${int(result.slackPosts.requestCards)} request cards${result.slackPosts.examples.length > 0 ? ` (${result.slackPosts.examples.join(', ')})` : ''}`,
      met: result.slackPosts.doubled === 0,
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
  const load = (row: AckRow) =>
    row.concurrency !== null ? `${row.concurrency} in flight` : `${row.perSecond}/s arriving (open loop)`;
  const drains = acks
    .map((row) => `${row.request} at ${load(row)}: ${(row.paydeskDrainMs / 1000).toFixed(1)} s`)
    .join('; ');
  const statuses = (counts: Record<number, number>) =>
    Object.entries(counts)
      .filter(([status]) => status !== '200')
      .map(([status, n]) => `${n} × ${status === '0' ? 'no answer' : status}`)
      .join(', ') || 'none';

  const sectionsMs = sum(result.cpu.map((split) => split.wallMs));
  const othersShare =
    sum(result.cpu.map((split) => split.otherMs ?? 0)) / Math.max(1, sectionsMs * machine.cores);
  const interference =
    othersShare > 0.05
      ? `**Other processes on this machine used ${pct(othersShare)} of its CPU during the measured sections; the figures of the sections marked in "Where the CPU went" are slowed by them.**`
      : `Other processes on this machine used ${pct(othersShare)} of its CPU during the measured sections.`;

  return [
    `## Paydesk benchmark: ${result.mode} run, ${result.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${result.durationSeconds} s${quick}`,
    '',
    where,
    '',
    interference,
    '',
    '### 1. Slack ack latency (ms from sending the signed request to the HTTP answer, i.e. the ack)',
    '',
    table(
      ['request', 'load', 'app', 'n', 'p50', 'p95', 'p99', 'max', '> 3 s', 'p99 ÷ bare', 'first wave max'],
      acks.flatMap((row) => [
        [
          row.request,
          load(row),
          'Paydesk',
          int(row.paydesk.count),
          ...latency(row.paydesk),
          pct(row.paydesk.overBudget),
          times(row.p99Ratio),
          wave(row.firstWaveMaxMs.paydesk),
        ],
        [
          row.request,
          load(row),
          'bare Bolt (ack only)',
          int(row.bare.count),
          ...latency(row.bare),
          pct(row.bare.overBudget),
          '',
          wave(row.firstWaveMaxMs.bare),
        ],
      ]),
    ),
    '',
    '"N in flight" is a closed loop: a new request as soon as one is answered, so it measures the app at saturation (latency ≈ N ÷ throughput). Its first N requests leave at the same instant, a burst the steady state never sees: n and the percentiles leave that first wave out, and "first wave max" is its slowest answer. "R/s" is an open loop: requests arrive at a fixed rate whatever the answers, as Slack sends them; each is timed from when it was due.',
    '',
    `Answers other than 200: Paydesk ${acks.reduce((n, row) => n + row.non200.paydesk, 0)}, bare ${acks.reduce((n, row) => n + row.non200.bare, 0)}. ` +
      `Acked but failed afterwards: ${acks.map((row) => `${row.request} at ${load(row)}: ${row.failedAfterAck}`).join('; ')}. ` +
      `Paydesk's work after the acks (database, Slack posts, Stripe calls) then took this long to finish, and was drained before the next step: ${drains}.`,
    '',
    '### 2. Stripe webhook intake',
    '',
    where,
    '',
    table(
      [
        'app',
        'deliveries',
        'concurrency',
        'events/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'not 200',
        'lost',
        'applied twice',
      ],
      [
        [
          'Paydesk',
          `${int(webhooks.deliveries)} (${int(webhooks.unique)} unique + ${int(webhooks.duplicates)} repeats)`,
          String(webhooks.concurrency),
          int(webhooks.paydesk.eventsPerSecond),
          ms(webhooks.paydesk.stats.p50),
          ms(webhooks.paydesk.stats.p99),
          ms(webhooks.paydesk.stats.max),
          statuses(webhooks.paydesk.statuses),
          String(webhooks.lost),
          String(webhooks.appliedTwice),
        ],
        [
          'bare node:http (signature check only)',
          int(webhooks.deliveries),
          String(webhooks.concurrency),
          int(webhooks.bare.eventsPerSecond),
          ms(webhooks.bare.stats.p50),
          ms(webhooks.bare.stats.p99),
          ms(webhooks.bare.stats.max),
          statuses(webhooks.bare.statuses),
          '',
          '',
        ],
      ],
    ),
    '',
    `Throughput ratio Paydesk ÷ bare: **${times(webhooks.throughputRatio)}**. Unique events: ${Object.entries(
      webhooks.mix,
    )
      .map(([type, n]) => `${type} ${int(n)}`)
      .join(', ')}. ` +
      `Top-up state changes carried: ${int(webhooks.expectedChanges)}, applied: ${int(webhooks.appliedChanges)}. ` +
      `Events/s counts every delivery; the percentiles leave out the first wave, as above. A 409 means the event's twin was being processed at that moment; the bench then delivered ${int(webhooks.redelivered)} not-yet-processed events again, as Stripe would.`,
    '',
    "### 3. Batch run against the Stripe simulator's rate limit",
    '',
    where,
    '',
    table(
      [
        'driver',
        'lines',
        'configured pace',
        'simulator limit',
        'floor',
        'wall',
        'wall ÷ floor',
        '429s',
        'paid / failed',
      ],
      [
        [
          batch.driver,
          int(batch.lines),
          `${batch.perSecond}/s`,
          `${batch.simulatorLimitPerSecond}/s`,
          `${(batch.floorMs / 1000).toFixed(1)} s`,
          `${(batch.wallMs / 1000).toFixed(1)} s`,
          `**${times(batch.ratio)}**`,
          String(batch.rateLimited),
          `${int(batch.paid)} / ${int(batch.failed)}`,
        ],
      ],
    ),
    '',
    '### 4. Memory (Paydesk process, after a forced GC)',
    '',
    where,
    '',
    table(
      [
        'requests',
        'RSS after warm-up',
        'RSS after',
        'RSS growth',
        'heap used after warm-up',
        'heap used after',
        'heap growth',
      ],
      [
        [
          int(memory.requests),
          mb(memory.warm.rssBytes),
          mb(memory.after.rssBytes),
          `**${signedMb(memory.rssGrowthMb)}**`,
          mb(memory.warm.heapUsedBytes),
          mb(memory.after.heapUsedBytes),
          signedMb(memory.heapGrowthMb),
        ],
      ],
    ),
    '',
    `Mix (${memory.chunks} chunks at concurrency 50, each drained): ${memory.mix}. Unexpected answers: ${memory.non2xx}. RSS after each chunk (MB): ${memory.rssTrendMb.join(', ')}.`,
    '',
    "### Where the CPU went (per section; Paydesk's include its work after the acks)",
    '',
    where,
    '',
    table(
      [
        'section',
        'app',
        'requests',
        'wall',
        'app CPU',
        'per request',
        'DB ops per request',
        'bench + simulators',
        'DB peer',
        'other processes',
        'machine busy',
        'bench GC max pause',
        'app event-loop delay p99 / max',
        'replay check p99 / max',
      ],
      result.cpu.map((split) => {
        const seconds = (msValue: number | null) =>
          msValue === null ? 'n/a' : `${(msValue / 1000).toFixed(1)} s`;
        const appMs = split.app === 'paydesk' ? split.paydeskMs : split.bareMs;
        return [
          split.section,
          split.app === 'paydesk' ? 'Paydesk' : 'bare',
          int(split.requests),
          seconds(split.wallMs),
          seconds(appMs),
          `${(appMs / Math.max(1, split.requests)).toFixed(2)} ms`,
          split.app === 'paydesk'
            ? (sum(Object.values(split.dbOps)) / Math.max(1, split.requests)).toFixed(1)
            : '',
          seconds(split.benchMs),
          seconds(split.dbMs),
          seconds(split.otherMs),
          split.machineBusy === null ? 'n/a' : pct(split.machineBusy),
          `${ms(split.benchGcPauses.maxMs)} ms`,
          split.probe
            ? `${ms(split.probe.eventLoopDelayP99Ms)} / ${ms(split.probe.eventLoopDelayMaxMs)} ms`
            : '',
          split.probe ? `${ms(split.probe.replayCheckP99Ms)} / ${ms(split.probe.replayCheckMaxMs)} ms` : '',
        ];
      }),
    ),
    '',
    `"machine busy" is the whole machine's CPU use over the section (all ${machine.cores} cores, every process): near 100% the run is CPU-bound and every process waits for the others. "other processes" is CPU time not ours (e.g. someone else's test run): it slows every figure of that section. "app event-loop delay" is how late Paydesk's event loop ran a timer (10 ms resolution); "replay check" is the insert every Slack request waits for before Bolt sees it (src/http/slack-replay-guard.ts).`,
    '',
    '### Targets',
    '',
    table(
      ['target', 'measured', 'met'],
      result.targets.map((target) => [target.name, target.measured, target.met ? 'yes' : '**no**']),
    ),
  ].join('\n');
}
