import { findActionElement, type SlackRequestSender } from '../../../src/sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { type LatencyStats, runClosedLoop } from '../load';
import type { BenchWorld } from '../world';

export type AckRow = {
  request: '/topup' | 'Approve click';
  concurrency: number;
  paydesk: LatencyStats;
  bare: LatencyStats;
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

/**
 * `count` signed /topup commands, then an Approve click on each request they posted, at
 * `concurrency`; the bare Bolt app gets the same requests (the clicks before Paydesk's, while
 * the messages still carry their Approve buttons, so both get the same bodies). Paydesk's work
 * after each batch of acks is drained before the next one, so no phase pays for the last.
 */
export async function slackAckPhase(world: BenchWorld, count: number, concurrency: number): Promise<AckRow[]> {
  const paydesk = world.slack.requestsTo(world.paydesk.urls.base);
  const bare = world.slack.requestsTo(world.bare.urls.base);
  const command = (sender: SlackRequestSender) => async (i: number) =>
    (
      await sender.command({
        userId: FINANCE.one,
        command: '/topup',
        text: `${100 + (i % 900)}.${String(i % 100).padStart(2, '0')} bench c${concurrency} #${i}`,
      })
    ).status;

  const before = world.slack.messages(FINANCE_CHANNEL).length;
  const paydeskCommands = await runClosedLoop(count, concurrency, command(paydesk));
  const commandDrainMs = await timedDrain(world);
  const bareCommands = await runClosedLoop(count, concurrency, command(bare));

  const requests = world.slack
    .messages(FINANCE_CHANNEL)
    .slice(before)
    .filter((message) => findActionElement(message.blocks, ACTIONS.approveTopup) !== undefined);
  // Each click approves one of the posted requests (fewer than `count` if some commands failed after their ack).
  const clicks = requests.length;
  const click = (sender: SlackRequestSender) => async (i: number) =>
    (
      await sender.blockAction({
        userId: FINANCE.two,
        actionId: ACTIONS.approveTopup,
        channelId: FINANCE_CHANNEL,
        messageTs: requests[i]?.ts as string,
      })
    ).status;
  const topupsBefore = world.stripe.listTopups().length;
  const bareClicks = await runClosedLoop(clicks, concurrency, click(bare));
  const paydeskClicks = await runClosedLoop(clicks, concurrency, click(paydesk));
  const clickDrainMs = await timedDrain(world);
  const submitted = world.stripe.listTopups().length - topupsBefore;

  const row = (
    request: AckRow['request'],
    ours: typeof paydeskCommands,
    theirs: typeof bareCommands,
    paydeskDrainMs: number,
    failedAfterAck: number,
  ): AckRow => ({
    request,
    concurrency,
    paydesk: ours.stats,
    bare: theirs.stats,
    p99Ratio: ours.stats.p99 / Math.max(theirs.stats.p99, 0.001),
    non200: { paydesk: non200(ours.statuses), bare: non200(theirs.statuses) },
    paydeskDrainMs,
    failedAfterAck,
  });
  return [
    row('/topup', paydeskCommands, bareCommands, commandDrainMs, count - clicks),
    row('Approve click', paydeskClicks, bareClicks, clickDrainMs, clicks - submitted),
  ];
}
