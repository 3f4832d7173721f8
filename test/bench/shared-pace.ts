/**
 * `npm run bench:pace`: two 500-line payout runs approved at the same moment on two replicas of
 * the real app (one database, the sandbox Slack and Stripe, Stripe limited to test mode's 25
 * requests a second), STRIPE_RATE_LIMIT_PER_SECOND=20. Reports, from the Stripe simulator's own
 * request log, the most POST /v1/transfers in any whole second and in any sliding second, the
 * 429s, and the wall time against the floor of 1,000 requests at 20/s. Writes
 * test/bench/results/shared-pace.json and .md. Not a test: it prints what it saw, and exits 1
 * (naming each target missed) when a line was not paid exactly once, the combined rate passed
 * the pace, Stripe answered 429, or the wall time passed 1.1 × the floor.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startMongoPeer } from '../../src/db/peers/mongo-peer';
import { approve, requestRun, seedWriters, waitForRun } from '../integration/batch/helpers';
import { ENV_MONGODB_URI } from '../support/peers';
import { startWorld } from '../support/world';
import { RESULTS_DIR } from './world';

const LINES_PER_RUN = Number(process.env.BENCH_PACE_LINES ?? 500);
const PACE = 20;
const STRIPE_TEST_MODE_LIMIT = 25;
/** The target: both runs together finish within 1.1 × the floor of all lines at PACE. */
const MAX_RATIO = 1.1;

const step = (line: string) => process.stderr.write(`[bench:pace] ${line}\n`);

function maxSliding(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to += 1) {
    while ((sorted[to] as number) - (sorted[from] as number) >= 1000) from += 1;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

async function main(): Promise<void> {
  const peer = await startMongoPeer({ log: step });
  process.env[ENV_MONGODB_URI] = peer.uri;
  const world = await startWorld({
    replicas: 2,
    env: { STRIPE_RATE_LIMIT_PER_SECOND: String(PACE), DAILY_TRANSFER_CAP_CENTS: '100000000' },
  });
  try {
    step(`seeding ${2 * LINES_PER_RUN} writers`);
    const writers = await seedWriters(world, 2 * LINES_PER_RUN, 'Q');
    world.stripe.setAvailableBalance(100_000_000);
    world.stripe.setRateLimit(STRIPE_TEST_MODE_LIMIT);
    const runs = [];
    for (const part of [0, 1]) {
      const csv = [
        'writer,amount',
        ...writers
          .slice(part * LINES_PER_RUN, (part + 1) * LINES_PER_RUN)
          .map((writer) => `${writer.slackUserId},1.00`),
      ].join('\n');
      runs.push((await requestRun(world.app, world, csv)).run);
    }
    step(`approving ${runs.map((run) => run.ref).join(' and ')}, one on each replica, at once`);
    const started = Date.now();
    await Promise.all(runs.map((run, replica) => approve(world, run, undefined, replica)));
    const running = await Promise.all(
      runs.map((run, replica) => waitForRun(world.apps[replica] ?? world.app, run.id, ['running'], 10_000)),
    );
    await Promise.all(runs.map((run) => waitForRun(world.app, run.id, ['completed'], 600_000)));
    const wallMs = Date.now() - started;
    await world.drain();

    const posts = world.stripe
      .requestLog()
      .filter((entry) => entry.method === 'POST' && entry.path === '/v1/transfers')
      .map((entry) => entry.at.getTime());
    const perSecond = new Map<number, number>();
    for (const at of posts)
      perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
    const transfers = world.stripe.listTransfers();
    const lines = 2 * LINES_PER_RUN;
    const floorMs = (lines / PACE) * 1000;
    const result = {
      at: new Date(started).toISOString(),
      replicas: 2,
      runs: runs.map((run, i) => ({
        ref: run.ref,
        lines: run.lineCount,
        drivenBy: running[i]?.lease.holder,
      })),
      pacePerSecond: PACE,
      simulatorLimitPerSecond: STRIPE_TEST_MODE_LIMIT,
      transferRequests: posts.length,
      maxInAWholeSecond: Math.max(...perSecond.values()),
      maxInASlidingSecond: maxSliding(posts),
      rateLimited: world.stripe.rateLimitedCount(),
      paidTransfers: transfers.length,
      distinctDestinations: new Set(transfers.map((transfer) => transfer.destination)).size,
      wallMs,
      floorMs,
      ratio: wallMs / floorMs,
    };
    const markdown = [
      `## Two payout runs on two replicas, one pace (${result.at})`,
      '',
      '| runs | replicas | pace | Stripe limit | POST /v1/transfers | most in a whole second | most in any sliding second | 429s | paid / distinct writers | wall time | floor | ratio |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      `| 2 × ${LINES_PER_RUN.toLocaleString('en-US')} | 2 | ${PACE}/s | ${STRIPE_TEST_MODE_LIMIT}/s | ${posts.length.toLocaleString('en-US')} | ${result.maxInAWholeSecond} | ${result.maxInASlidingSecond} | ${result.rateLimited} | ${transfers.length.toLocaleString('en-US')} / ${result.distinctDestinations.toLocaleString('en-US')} | ${(wallMs / 1000).toFixed(1)} s | ${(floorMs / 1000).toFixed(1)} s | **${result.ratio.toFixed(3)}×** |`,
    ].join('\n');
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(RESULTS_DIR, 'shared-pace.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(path.join(RESULTS_DIR, 'shared-pace.md'), `${markdown}\n`);
    process.stdout.write(`\n${markdown}\n`);
    const failed = [
      result.maxInAWholeSecond <= PACE
        ? undefined
        : `most in a whole second ${result.maxInAWholeSecond} > ${PACE}`,
      result.rateLimited === 0 ? undefined : `${result.rateLimited} × 429 (want 0)`,
      transfers.length === lines ? undefined : `${transfers.length} transfers paid (want ${lines})`,
      result.distinctDestinations === lines
        ? undefined
        : `${result.distinctDestinations} distinct writers paid (want ${lines})`,
      result.ratio <= MAX_RATIO
        ? undefined
        : `wall time ${result.ratio.toFixed(3)}× the floor > ${MAX_RATIO}×`,
    ].filter((target): target is string => target !== undefined);
    for (const target of failed) step(`target missed: ${target}`);
    if (failed.length > 0) process.exitCode = 1;
  } finally {
    await world.stop();
    await peer.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
