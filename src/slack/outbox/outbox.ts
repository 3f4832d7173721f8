import type { Clock } from '../../clock';
import type { SlackOutbox, SlackOutboxStore } from '../../domain/ports/slack-outbox';
import type { SlackSender } from './sender';

/** Queuing a send: stored in MongoDB (for every replica's sender), and this replica's sender told at once. */
export function slackOutbox(store: SlackOutboxStore, sender: SlackSender, now: Clock): SlackOutbox {
  return {
    async enqueue(send) {
      const result = await store.enqueue(send, now());
      if (result === 'queued') sender.poke();
      return result;
    },
  };
}
