import type { Services } from '../../../app/services';
import { approveReversal, rejectReversal } from '../../../domain/transfers/reverse-transfer';
import { parseReversalButtonValue } from '../../reversal-value';
import { buttonListener } from './button-listener';

/** Approve reversal / Keep the payment: four eyes, checked at click time, on the request the button showed. */
export function decideReversalAction(services: Services, decision: 'approve' | 'reject') {
  return buttonListener(services, `${decision} reversal`, async (click) => {
    const { id, requestKey } = parseReversalButtonValue(click.value);
    const input = { id, requestKey, isFinance: await click.isFinance() };
    if (decision === 'approve')
      await approveReversal(services.transferDeps, { ...input, approver: click.user });
    else await rejectReversal(services.transferDeps, { ...input, user: click.user });
  });
}
