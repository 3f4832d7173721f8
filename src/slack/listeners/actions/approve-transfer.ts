import type { Services } from '../../../app/services';
import { approveTransfer } from '../../../domain/transfers/approve-transfer';
import { approvalAction } from './approval-action';

export function approveTransferAction(services: Services) {
  return approvalAction(services, 'approve transfer', (s, input) => approveTransfer(s.transferDeps, input));
}
