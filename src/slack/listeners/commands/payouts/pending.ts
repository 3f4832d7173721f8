import { pendingRequestsMessage } from '../../../views/requests-list';
import type { Subcommand } from './context';

const LIMIT = 50;

/** Everything not settled yet: requests to decide, reversals waiting, payout runs under way. */
export const payoutsPending: Subcommand = async ({ services, respond }) => {
  const [topups, transfers, runs, reversals] = await Promise.all([
    services.topupDeps.topups.listByStatus(['requested'], { limit: LIMIT }),
    services.transferDeps.transfers.listByStatus(['requested'], { limit: LIMIT }),
    services.batchDeps.runs.listOpen(LIMIT),
    services.transferDeps.transfers.reversalsWaiting(LIMIT),
  ]);
  const waiting = [
    ...topups.map((request) => ({ kind: 'topup' as const, request })),
    // Lines of a payout run are decided with their run, which is listed itself.
    ...transfers.filter((t) => !t.batchId).map((request) => ({ kind: 'transfer' as const, request })),
    ...runs.filter((run) => run.status === 'requested').map((request) => ({ kind: 'run' as const, request })),
  ].sort((a, b) => a.request.requestedAt.getTime() - b.request.requestedAt.getTime());
  await respond(
    pendingRequestsMessage({
      waiting,
      reversals,
      runs: runs.filter((run) => run.status !== 'requested'),
    }),
  );
};
