import type { BalanceSummary } from '../ports/stripe-gateway';
import type { SlackMessageRef } from '../requests/types';
import type { Transfer } from './types';

export type TransferNotifier = {
  postRequest(
    transfer: Transfer,
    context: { balance?: BalanceSummary; writerReady: boolean },
  ): Promise<SlackMessageRef | undefined>;
  /** Queues the request message's update to the stored state (the latest state wins; never throws). */
  refresh(transfer: Transfer): Promise<void>;
  /** Queues the writer's "you were paid" DM, once per transfer however often it is asked for. */
  paid(transfer: Transfer): Promise<void>;
  /** Queues the finance alert and the writer's DM about one Stripe reversal, once per reversal. */
  reversed(transfer: Transfer, reversal: { id: string; amountCents: number }): Promise<void>;
};
