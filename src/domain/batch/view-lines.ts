import { NotFinanceError, PaydeskError } from '../errors';
import type { SlackUserRef } from '../requests/types';
import type { Transfer } from '../transfers/types';
import type { BatchDeps } from './deps';
import type { PayoutRun } from './types';

/** "View lines": the run with every line and each line's transfers, for finance of its workspace. */
export async function runLines(
  deps: BatchDeps,
  input: { id: string; user: SlackUserRef; isFinance: boolean },
): Promise<{ run: PayoutRun; transfers: Transfer[] }> {
  if (!input.isFinance) throw new NotFinanceError();
  const run = await deps.runs.load(input.id);
  if (!run || (input.user.teamId && run.requestedBy.teamId && run.requestedBy.teamId !== input.user.teamId)) {
    throw new PaydeskError('not_found', "That payout run doesn't exist.");
  }
  return { run, transfers: await deps.runs.lineTransfers(run.id) };
}
