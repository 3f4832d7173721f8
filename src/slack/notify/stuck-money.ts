import type { StuckMoneyNotifier } from '../../domain/alarms/ports';
import type { SlackOutbox } from '../../domain/ports/slack-outbox';
import { stuckMoneyAlert, stuckMoneyResolved } from '../views/stuck-money-alert';

/**
 * The stuck-money alarm in the finance channel, through the outbox: each key is sent once across
 * replicas. Never folded into a digest of other alerts, so it cannot be missed among them.
 */
export function stuckMoneyNotifier(deps: { outbox: SlackOutbox; channelId: string }): StuckMoneyNotifier {
  return {
    async raised(key, alarm) {
      await deps.outbox.enqueue({
        kind: 'post',
        key,
        channel: deps.channelId,
        message: stuckMoneyAlert(alarm),
      });
    },
    async resolved(key, alarm) {
      await deps.outbox.enqueue({
        kind: 'post',
        key,
        channel: deps.channelId,
        message: stuckMoneyResolved(alarm),
      });
    },
  };
}
