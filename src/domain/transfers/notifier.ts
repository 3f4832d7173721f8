import type { BalanceSummary } from '../ports/stripe-gateway';
import type { SlackMessageRef } from '../requests/types';
import type { Transfer } from './types';

export type TransferNotifier = {
  postRequest(
    transfer: Transfer,
    context: { balance?: BalanceSummary; writerReady: boolean },
  ): Promise<SlackMessageRef | undefined>;
  /** Re-renders the request message from stored state (idempotent). */
  refresh(transfer: Transfer): Promise<void>;
  /** DMs the writer that money arrived. */
  paid(transfer: Transfer): Promise<void>;
  reversed(transfer: Transfer, reversedCents: number): Promise<void>;
};
