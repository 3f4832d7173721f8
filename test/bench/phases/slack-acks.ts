import { findActionElement, type SlackRequestSender } from '../../../sandbox/slack';
import { captureSlackRequests } from '../../../sandbox/slack/signed-delivery';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import type { LatencyStats, LoadResult } from '../load';
import type { BenchWorld } from '../world';

/** Closed loop: `concurrency` requests in flight at all times. Open loop: `perSecond` arrivals whatever the answers. */
export type AckLoad = { concurrency: number } | { perSecond: number };

export type AckRow = {
  request: '/topup' | 'Approve click';
  /** Set for a closed-loop row. */
  concurrency: number | null;
  /** Set for an open-loop row. */
  perSecond: number | null;
  paydesk: LatencyStats;
  bare: LatencyStats;
  /** Closed loop: the slowest answer of the first wave (all requests sent at once), per app. */
  firstWaveMaxMs: { paydesk: number | null; bare: number | null };
  /** p99(Paydesk) / p99(bare). */
  p99Ratio: number;
  /** Answers other than 200, per target (should be none). */
  non200: { paydesk: number; bare: number };
  /** How long Paydesk's work after the acks (tracked background tasks) took to finish once the last ack was in. */
  paydeskDrainMs: number;
  /** Acked requests whose work then failed (no request message posted, or no top-up sent to Stripe). */
  failedAfterAck: number;
};

const non200 = (statuses: Record<number, number>) =>
  Object.entries(statuses).reduce((sum, [status, n]) => (status === '200' ? sum : sum + n), 0);

async function timedDrain(world: BenchWorld): Promise<number> {
  const started = performance.now();
  await world.paydesk.drain();
  return performance.now() - started;
}

export const loadLabel = (load: AckLoad) =>
  'concurrency' in load ? `c${load.concurrency}` : `${load.perSecond}/s`;

/**
 * `count` signed /topup commands, then an Approve click on each request they posted, at
 * `load`; the bare Bolt app gets the same requests (the clicks before Paydesk's, while
 * the messages still carry their Approve buttons, so both get the same bodies). Paydesk's work
 * after each batch of acks is drained before the next one, so no phase pays for the last.
 */
export async function slackAckPhase(world: BenchWorld, count: number, load: AckLoad): Promise<AckRow[]> {
  const label = loadLabel(load);
  // Each request is signed here and sent from the load process (see load-process.ts).
  const drive = async (n: number, build: (i: number) => Promise<unknown>): Promise<LoadResult> => {
    const requests = await captureSlackRequests(async () => {
      for (let i = 0; i < n; i += 1) await build(i);
    });
    return world.load.run(requests, load, 'concurrency' in load ? load.concurrency : 10);
  };
  const paydesk = world.slack.requestsTo(world.paydesk.urls.base);
  const bare = world.slack.requestsTo(world.bare.urls.base);
  const command = (sender: SlackRequestSender) => (i: number) =>
    sender.command({
      userId: FINANCE.one,
      command: '/topup',
      text: `${100 + (i % 900)}.${String(i % 100).padStart(2, '0')} bench ${label} #${i}`,
    });

  const before = world.slack.messages(FINANCE_CHANNEL).length;
  const paydeskCommands = await world.measure(`acks ${label} /topup`, count, async () => ({
    ...(await drive(count, command(paydesk))),
    drainMs: await timedDrain(world),
  }));
  const bareCommands = await world.measure(
    `acks ${label} /topup`,
    count,
    () => drive(count, command(bare)),
    'bare',
  );

  const requests = world.slack
    .messages(FINANCE_CHANNEL)
    .slice(before)
    .filter((message) => findActionElement(message.blocks, ACTIONS.approveTopup) !== undefined);
  // Each click approves one of the posted requests (fewer than `count` if some commands failed after their ack).
  const clicks = requests.length;
  const click = (sender: SlackRequestSender) => (i: number) =>
    sender.blockAction({
      userId: FINANCE.two,
      actionId: ACTIONS.approveTopup,
      channelId: FINANCE_CHANNEL,
      messageTs: requests[i]?.ts as string,
    });
  const topupsBefore = world.stripe.listTopups().length;
  const bareClicks = await world.measure(
    `acks ${label} Approve`,
    clicks,
    () => drive(clicks, click(bare)),
    'bare',
  );
  const paydeskClicks = await world.measure(`acks ${label} Approve`, clicks, async () => ({
    ...(await drive(clicks, click(paydesk))),
    drainMs: await timedDrain(world),
  }));
  const submitted = world.stripe.listTopups().length - topupsBefore;

  const row = (
    request: AckRow['request'],
    ours: typeof paydeskCommands,
    theirs: typeof bareCommands,
    paydeskDrainMs: number,
    failedAfterAck: number,
  ): AckRow => ({
    request,
    concurrency: 'concurrency' in load ? load.concurrency : null,
    perSecond: 'perSecond' in load ? load.perSecond : null,
    paydesk: ours.stats,
    bare: theirs.stats,
    firstWaveMaxMs: { paydesk: ours.firstWaveMaxMs ?? null, bare: theirs.firstWaveMaxMs ?? null },
    p99Ratio: ours.stats.p99 / Math.max(theirs.stats.p99, 0.001),
    non200: { paydesk: non200(ours.statuses), bare: non200(theirs.statuses) },
    paydeskDrainMs,
    failedAfterAck,
  });
  return [
    row('/topup', paydeskCommands, bareCommands, paydeskCommands.drainMs, count - clicks),
    row('Approve click', paydeskClicks, bareClicks, paydeskClicks.drainMs, clicks - submitted),
  ];
}
