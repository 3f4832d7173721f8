import { batchRequestModal } from '../../../views/batch-modals';
import type { Subcommand } from './context';

/** `/payouts batch`: opens the payout run form (finance only; checked by the router). */
export const payoutsBatch: Subcommand = async ({ services, command }) => {
  await services.slack.views.open({ trigger_id: command.trigger_id, view: batchRequestModal() });
};
