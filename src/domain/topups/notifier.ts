import type { BalanceSummary } from '../ports/stripe-gateway';
import type { SlackMessageRef } from '../requests/types';
import type { Topup } from './types';

/** How top-up news reaches people; Slack in production, implemented in src/slack/notify. */
export type TopupNotifier = {
  postRequest(topup: Topup, balance: BalanceSummary | undefined): Promise<SlackMessageRef | undefined>;
  /** Re-renders the request message from the stored state (idempotent). */
  refresh(topup: Topup): Promise<void>;
  settled(topup: Topup, balance: BalanceSummary | undefined): Promise<void>;
  ended(topup: Topup): Promise<void>;
};
