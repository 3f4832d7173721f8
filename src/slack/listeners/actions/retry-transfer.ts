import type { Services } from '../../../app/services';
import { retryTransfer } from '../../../domain/transfers/retry-transfer';
import { approvalAction } from './approval-action';

export function retryTransferAction(services: Services) {
  return approvalAction(services, 'retry transfer', (s, input) =>
    retryTransfer(s.transferDeps, { id: input.id, user: input.approver, isFinance: input.isFinance }),
  );
}
