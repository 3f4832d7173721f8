import { type RejectOutcome, rejectRequest } from '../requests/reject-request';
import type { SlackUserRef } from '../requests/types';
import type { TopupDeps } from './deps';
import type { Topup } from './types';

export function rejectTopup(
  deps: TopupDeps,
  input: { id: string; user: SlackUserRef; isFinance: boolean; reason: string },
): Promise<RejectOutcome<Topup>> {
  return rejectRequest(
    {
      store: deps.topups,
      audit: deps.audit,
      refresh: (topup) => deps.notifier.refresh(topup),
      clock: deps.clock,
      subject: { type: 'topup', action: 'topup' },
    },
    input,
  );
}
