import type { Services } from '../../../app/services';
import { NotFinanceError } from '../../../domain/errors';
import type { ApprovableRequest } from '../../../domain/requests/types';
import { markFromHome } from '../../home/home-origin';
import { approvalRefusalMessage } from '../../views/approval-refusal';
import { type RejectTarget, rejectReasonModal } from '../../views/reject-reason-modal';
import { buttonListener } from './button-listener';

/** Reject asks for a reason first; the decision happens when the form is submitted. */
export function rejectAction(
  services: Services,
  kind: RejectTarget['kind'],
  load: (id: string) => Promise<ApprovableRequest | undefined>,
) {
  return buttonListener(services, `reject ${kind}`, async (click) => {
    if (!(await click.isFinance())) throw new NotFinanceError();
    const request = await load(click.value);
    if (request?.status !== 'requested') {
      await click.reply(
        approvalRefusalMessage(request ? 'already_decided' : 'not_found', request, click.user.userId),
      );
      return;
    }
    await click.client.views.open({
      trigger_id: click.triggerId,
      view: markFromHome(rejectReasonModal({ kind, id: request.id }, request.ref), click.fromHome),
    });
  });
}
