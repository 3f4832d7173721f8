import type { Services } from '../../../app/services';
import { approvePayoutRun } from '../../../domain/batch/approve-run';
import { approvalAction } from './approval-action';

export function approveBatchAction(services: Services) {
  return approvalAction(services, 'approve payout run', (s, input) => approvePayoutRun(s.batchDeps, input));
}
