import type { Services } from '../../../app/services';
import { NotFinanceError } from '../../../domain/errors';
import { markFromHome } from '../../home/home-origin';
import { approvalRefusalMessage } from '../../views/approval-refusal';
import { batchRejectModal } from '../../views/batch-modals';
import { buttonListener } from './button-listener';

/** Reject on a payout run asks for a reason first; the decision happens when the form is submitted. */
export function rejectBatchAction(services: Services) {
  return buttonListener(services, 'reject payout run', async (click) => {
    if (!(await click.isFinance())) throw new NotFinanceError();
    const run = await services.batchDeps.runs.loadHeader(click.value);
    if (run?.status !== 'requested') {
      await click.reply(
        approvalRefusalMessage(run ? 'already_decided' : 'not_found', run, click.user.userId),
      );
      return;
    }
    await click.client.views.open({
      trigger_id: click.triggerId,
      view: markFromHome(batchRejectModal(run.id, run.ref), click.fromHome),
    });
  });
}
