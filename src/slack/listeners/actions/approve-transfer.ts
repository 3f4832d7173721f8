import { approveTransfer } from '../../../domain/transfers/approve-transfer';
import type { Services } from '../../../services';
import { approvalAction } from './approval-action';

export function approveTransferAction(services: Services) {
  return approvalAction(services, 'approve transfer', (s, input) => approveTransfer(s.transferDeps, input));
}
