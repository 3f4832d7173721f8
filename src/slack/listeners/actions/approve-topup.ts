import { approveTopup } from '../../../domain/topups/approve-topup';
import type { Services } from '../../../services';
import { approvalAction } from './approval-action';

export function approveTopupAction(services: Services) {
  return approvalAction(services, 'approve top-up', (s, input) => approveTopup(s.topupDeps, input));
}
