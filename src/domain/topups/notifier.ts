import type { BalanceSummary } from '../ports/stripe-gateway';
import type { SlackMessageRef } from '../requests/types';
import type { Topup } from './types';

/** How top-up news reaches people; Slack in production, implemented in src/slack/notify. */
export type TopupNotifier = {
  postRequest(topup: Topup, balance: BalanceSummary | undefined): Promise<SlackMessageRef | undefined>;
  /** Queues the request message's update to the stored state (the latest state wins; never throws). */
  refresh(topup: Topup): Promise<void>;
  /** Queues the settlement alert, once per top-up and status however often it is asked for. */
  settled(topup: Topup, balance: BalanceSummary | undefined): Promise<void>;
  /** Queues the failed / cancelled / reversed alert, once per top-up and status. */
  ended(topup: Topup): Promise<void>;
};
