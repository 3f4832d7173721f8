import { pendingRequestsMessage } from '../../../views/requests-list';
import type { Subcommand } from './context';

/** The oldest this many of each kind are listed; the message says when more are waiting. */
export const PENDING_LISTED = 50;

/** Everything not settled yet: requests to decide, reversals waiting, payout runs under way. */
export const payoutsPending: Subcommand = async ({ services, respond }) => {
  // One more than is listed, to know whether there are more.
  const read = PENDING_LISTED + 1;
  const [topups, transfers, requestedRuns, runsUnderWay, reversals] = await Promise.all([
    services.topupDeps.topups.listByStatus(['requested'], { limit: read }),
    services.transferDeps.transfers.listByStatus(['requested'], { limit: read }),
    services.batchDeps.runs.listOpen(read, ['requested']),
    services.batchDeps.runs.listOpen(read, ['approved', 'running', 'paused']),
    services.transferDeps.transfers.reversalsWaiting(read),
  ]);
  const listed = <T>(items: T[]) => items.slice(0, PENDING_LISTED);
  const cut = {
    topups: topups.length > PENDING_LISTED,
    transfers: transfers.length > PENDING_LISTED,
    runs: requestedRuns.length > PENDING_LISTED || runsUnderWay.length > PENDING_LISTED,
    reversals: reversals.length > PENDING_LISTED,
  };
  const waiting = [
    ...listed(topups).map((request) => ({ kind: 'topup' as const, request })),
    // Lines of a payout run are decided with their run, which is listed itself.
    ...listed(transfers)
      .filter((t) => !t.batchId)
      .map((request) => ({ kind: 'transfer' as const, request })),
    ...listed(requestedRuns).map((request) => ({ kind: 'run' as const, request })),
  ].sort((a, b) => a.request.requestedAt.getTime() - b.request.requestedAt.getTime());
  await respond(
    pendingRequestsMessage({
      waiting,
      reversals: listed(reversals),
      runs: listed(runsUnderWay),
      moreThanListed: (Object.keys(cut) as (keyof typeof cut)[]).filter((kind) => cut[kind]),
      listedPerKind: PENDING_LISTED,
    }),
  );
};
