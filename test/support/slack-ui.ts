import type { SlackSimulator } from '../../sandbox/slack';
import { renderMessageText } from '../../sandbox/slack';
import { FINANCE_CHANNEL } from './config';

/** The finance channel as people see it: each message rendered to text, oldest first. */
export function financeChannelText(slack: SlackSimulator): string[] {
  return slack.messages(FINANCE_CHANNEL).map((message) => renderMessageText(message));
}

export function lastEphemeralText(slack: SlackSimulator, userId: string): string | undefined {
  const ephemerals = slack.ephemerals(userId);
  return ephemerals[ephemerals.length - 1]?.text;
}

/** Waits until `userId` has seen `count` ephemeral answers and returns the last one. */
export async function nextEphemeral(slack: SlackSimulator, userId: string, count: number): Promise<string> {
  return slack.waitFor(
    (sim) => {
      const list = sim.ephemerals(userId);
      return list.length >= count ? (list[count - 1]?.text ?? '') || ' ' : undefined;
    },
    { timeoutMs: 5000 },
  );
}
