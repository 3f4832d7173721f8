import type { Services } from '../../../app/services';
import { approveReversal, rejectReversal } from '../../../domain/transfers/reverse-transfer';
import { buttonListener } from './button-listener';

/** Approve reversal / Keep the payment: four eyes, checked at click time. */
export function decideReversalAction(services: Services, decision: 'approve' | 'reject') {
  return buttonListener(
    services,
    `${decision} reversal`,
    async (click) => {
      const input = { id: click.value, isFinance: await click.isFinance() };
      if (decision === 'approve')
        await approveReversal(services.transferDeps, { ...input, approver: click.user });
      else await rejectReversal(services.transferDeps, { ...input, user: click.user });
    },
    'stripe',
  );
}
