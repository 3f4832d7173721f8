import type { StuckMoneyNotifier } from '../../domain/alarms/ports';
import type { SlackOutbox } from '../../domain/ports/slack-outbox';
import type { SlackMessage } from '../views/blocks';
import { stuckMoneyAlert, stuckMoneyResolved } from '../views/stuck-money-alert';

/**
 * The stuck-money alarm in the finance channel, through the outbox: each key is sent once across
 * replicas. Never folded into a digest of other alerts, so it cannot be missed among them.
 */
export function stuckMoneyNotifier(deps: { outbox: SlackOutbox; channelId: string }): StuckMoneyNotifier {
  const post = async (key: string, message: SlackMessage) => {
    await deps.outbox.enqueue({ kind: 'post', key, channel: deps.channelId, message });
  };
  return {
    raised: (key, alarm) => post(key, stuckMoneyAlert(alarm)),
    resolved: (key, alarm) => post(key, stuckMoneyResolved(alarm)),
  };
}
