import { approvePayoutRun } from '../../../domain/batch/approve-run';
import type { Services } from '../../../services';
import { approvalAction } from './approval-action';

export function approveBatchAction(services: Services) {
  return approvalAction(services, 'approve payout run', (s, input) => approvePayoutRun(s.batchDeps, input));
}
