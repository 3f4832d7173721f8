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
