/**
 * `npm run bench [-- --quick] [-- --cpu-prof] [-- --db-prof]`: the real app against the real database peer and
 * the sandbox simulators, driven over loopback with signed requests, next to bare baselines in
 * the same run. Prints a Markdown table and writes it, with every number, to
 * test/bench/results/<mode>.json (and .md). Not a test: nothing here asserts a time.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { limitSlackConnections } from '../../sandbox/slack/signed-delivery';
import { batchPhase, seedWriters } from './phases/batch';
import { memoryPhase } from './phases/memory';
import { type AckRow, slackAckPhase } from './phases/slack-acks';
import { webhookPhase } from './phases/webhooks';
import { type BenchResult, renderMarkdown, targetsOf } from './report';
import { slackPostsOnce } from './slack-posts';
import { RESULTS_DIR, startBenchWorld } from './world';

const SCALES = {
  full: {
    slackRequests: 2000,
    concurrencies: [50, 200],
    openLoop: { requests: 1000, perSecond: 100 },
    webhookDeliveries: 5000,
    batchLines: 1000,
    memoryRequests: 20_000,
    memoryChunk: 2000,
  },
  quick: {
    slackRequests: 500,
    concurrencies: [50, 200],
    openLoop: { requests: 300, perSecond: 100 },
    webhookDeliveries: 2000,
    batchLines: 200,
    memoryRequests: 4000,
    memoryChunk: 1000,
  },
};

const WARM_UP_REQUESTS = 200;

const step = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  // The bench puts N requests in flight on purpose; the test suite's connection cap would hide that.
  limitSlackConnections(null);
  const args = process.argv.slice(2);
  const mode = args.includes('--quick') ? 'quick' : 'full';
  const scale = SCALES[mode];
  const cpuProfileDir = args.includes('--cpu-prof')
    ? path.resolve(__dirname, '..', '..', 'test-output', 'bench-profiles', mode)
    : undefined;
  const started = Date.now();
  step(`${mode} run; starting the database peer, the simulators, Paydesk and the baselines`);
  const dbProfileDir = args.includes('--db-prof')
    ? path.resolve(__dirname, '..', '..', 'test-output', 'bench-profiles', mode, 'db')
    : undefined;
  const world = await startBenchWorld({ cpuProfileDir, dbProfileDir });
  try {
    const writers = await seedWriters(world, scale.batchLines);

    // Warm-up, not reported: first connections, JIT, the database's first pages, for both apps.
    step(`warm-up: ${WARM_UP_REQUESTS} /topup + Approve at concurrency 50`);
    await slackAckPhase(world, WARM_UP_REQUESTS, { concurrency: 50 });
    world.cpu.length = 0;

    const acks: AckRow[] = [];
    for (const concurrency of scale.concurrencies) {
      step(
        `1. Slack acks: ${scale.slackRequests} /topup + ${scale.slackRequests} Approve at concurrency ${concurrency}`,
      );
      acks.push(...(await slackAckPhase(world, scale.slackRequests, { concurrency })));
    }
    const { requests, perSecond } = scale.openLoop;
    step(`1. Slack acks, open loop: ${requests} /topup + ${requests} Approve arriving at ${perSecond}/s`);
    acks.push(...(await slackAckPhase(world, requests, { perSecond })));
    // The batch runs before the webhook phase, whose events include the transfers it made.
    step(`3. batch: ${scale.batchLines} transfers against the simulator's rate limit`);
    const batch = await batchPhase(world, writers);
    step(`2. webhooks: ${scale.webhookDeliveries} signed deliveries at concurrency 50`);
    const webhooks = await webhookPhase(world, scale.webhookDeliveries);
    step(`4. memory: ${scale.memoryRequests} mixed requests`);
    const memory = await memoryPhase(world, scale.memoryRequests, scale.memoryChunk);
    const slackPosts = slackPostsOnce(world.slack);

    const partial = {
      mode,
      startedAt: new Date(started).toISOString(),
      durationSeconds: Math.round((Date.now() - started) / 1000),
      machine: world.machine,
      scale: {
        slackRequests: scale.slackRequests,
        concurrencies: scale.concurrencies,
        openLoop: scale.openLoop,
        webhookDeliveries: scale.webhookDeliveries,
        batchLines: scale.batchLines,
        memoryRequests: memory.requests,
      },
      acks,
      webhooks,
      batch,
      memory,
      slackPosts,
      cpu: world.cpu,
    } satisfies Omit<BenchResult, 'targets'>;
    const result: BenchResult = { ...partial, targets: targetsOf(partial) };
    const markdown = renderMarkdown(result);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const json = path.join(RESULTS_DIR, `${mode}.json`);
    writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
    const md = path.join(RESULTS_DIR, `${mode}.md`);
    writeFileSync(md, `${markdown}\n`);
    formatWithBiome(json, md);
    process.stdout.write(
      `\n${markdown}\n\nwritten to ${path.relative(process.cwd(), RESULTS_DIR)}/${mode}.json and .md\n`,
    );
  } finally {
    await world.stop();
  }
}

/** The results are committed, so they are written the way `npm run lint` wants them. */
function formatWithBiome(...files: string[]): void {
  const biome = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'biome');
  try {
    execFileSync(biome, ['format', '--write', ...files], { stdio: 'ignore' });
  } catch {
    step(`could not format ${files.join(', ')} with Biome; run npm run format`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
