import { type RejectOutcome, rejectRequest } from '../requests/reject-request';
import type { SlackUserRef } from '../requests/types';
import type { TransferDeps } from './deps';
import type { Transfer } from './types';

export function rejectTransfer(
  deps: TransferDeps,
  input: { id: string; user: SlackUserRef; isFinance: boolean; reason: string },
): Promise<RejectOutcome<Transfer>> {
  return rejectRequest(
    {
      store: deps.transfers,
      audit: deps.audit,
      refresh: (transfer) => deps.notifier.refresh(transfer),
      clock: deps.clock,
      subject: { type: 'transfer', action: 'transfer' },
    },
    input,
  );
}
