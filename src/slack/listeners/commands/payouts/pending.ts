import { pendingRequestsMessage } from '../../../views/requests-list';
import type { Subcommand } from './context';

export const payoutsPending: Subcommand = async ({ services, respond }) => {
  const [topups, transfers] = await Promise.all([
    services.topupDeps.topups.listByStatus(['requested'], { limit: 50 }),
    services.transferDeps.transfers.listByStatus(['requested'], { limit: 50 }),
  ]);
  const items = [
    ...topups.map((request) => ({ kind: 'topup' as const, request })),
    ...transfers.map((request) => ({ kind: 'transfer' as const, request })),
  ].sort((a, b) => a.request.requestedAt.getTime() - b.request.requestedAt.getTime());
  await respond(pendingRequestsMessage(items));
};
