import type { SlackSimulator } from '../../sandbox/slack/simulator';
import { keysIn } from '../../src/slack/outbox/delivered-lookup';

export type SlackPostsRow = {
  /** Conversations the app posted to, and the messages in them at the end of the run. */
  conversations: number;
  messages: number;
  /** Outbox sends found in messages' metadata (alerts, DMs, digests), and request cards by reference. */
  outboxSends: number;
  requestCards: number;
  /** Posts beyond the first of one outbox send or one request's card. */
  doubled: number;
  examples: string[];
};

/** A request's own card: its text starts with its reference (`TU-0001 · top-up of …`). */
const REQUEST_CARD = /^((?:TU|TR|PR)-\d+) · /;

/**
 * Every Slack post the run made, checked for doubles from what the Slack simulator holds: each
 * outbox send (its key, in the message metadata) and each request's card (a top-level message
 * starting with its reference) must be in exactly one message.
 */
export function slackPostsOnce(slack: SlackSimulator): SlackPostsRow {
  const channels = new Set(
    slack
      .calls('chat.postMessage')
      .flatMap((call) => (typeof call.params.channel === 'string' ? [call.params.channel] : [])),
  );
  const seen = new Map<string, number>();
  let messages = 0;
  let outboxSends = 0;
  let requestCards = 0;
  const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
  for (const channel of channels) {
    for (const message of slack.messages(channel)) {
      messages += 1;
      for (const key of keysIn(message.metadata)) {
        outboxSends += 1;
        count(`send ${key}`);
      }
      const card = message.threadTs === undefined ? REQUEST_CARD.exec(message.text)?.[1] : undefined;
      if (card) {
        requestCards += 1;
        count(`card ${channel} ${card}`);
      }
    }
  }
  const doubles = [...seen].filter(([, n]) => n > 1);
  return {
    conversations: channels.size,
    messages,
    outboxSends,
    requestCards,
    doubled: doubles.reduce((sum, [, n]) => sum + n - 1, 0),
    examples: doubles.slice(0, 5).map(([key, n]) => `${key} × ${n}`),
  };
}
