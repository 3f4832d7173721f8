import type { Services } from '../../../app/services';
import { NotFinanceError, PaydeskError } from '../../../domain/errors';
import { reverseTransferModal } from '../../views/reverse-transfer-modal';
import { buttonListener } from './button-listener';

/** Reverse… opens the form; the request for approval is made when it is submitted. */
export function reverseTransferAction(services: Services) {
  return buttonListener(services, 'reverse transfer', async (click) => {
    if (!(await click.isFinance())) throw new NotFinanceError();
    const transfer = await services.transferDeps.transfers.load(click.value);
    if (transfer?.status !== 'paid') {
      throw new PaydeskError('not_reversible', 'That transfer is not paid, so there is nothing to reverse.');
    }
    await click.client.views.open({ trigger_id: click.triggerId, view: reverseTransferModal(transfer) });
  });
}
