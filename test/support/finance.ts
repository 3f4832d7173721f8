import { ACTIONS } from '../../src/slack/ids';
import { FINANCE_CHANNEL } from './config';
import type { World } from './world';

/** A finance slash command; waits for the app's work and returns the newest finance-channel message's ts. */
export async function slash(world: World, userId: string, command: string, text: string): Promise<string> {
  await world.send.command({ userId, command, text });
  await world.drain();
  return world.slack.messages(FINANCE_CHANNEL).at(-1)?.ts as string;
}

/** A click on a button of a finance-channel message; waits for the app's work. */
export async function click(
  world: World,
  userId: string,
  actionId: string,
  messageTs: string,
): Promise<void> {
  await world.send.blockAction({ userId, actionId, channelId: FINANCE_CHANNEL, messageTs });
  await world.drain();
}

/** Reverse on a paid transfer's message, then the reversal form filled in; waits for the app's work. */
export async function requestReversal(
  world: World,
  userId: string,
  messageTs: string,
  amount: string,
  reason: string,
): Promise<void> {
  await world.send.blockAction({
    userId,
    actionId: ACTIONS.reverseTransfer,
    channelId: FINANCE_CHANNEL,
    messageTs,
  });
  await world.drain();
  await world.send.viewSubmission({
    userId,
    viewId: world.slack.views().at(-1)?.id,
    values: { amount: { amount_input: amount }, reason: { reason_input: reason } },
  });
  await world.drain();
}
