import type { Services } from '../../../app/services';
import { approveTopup } from '../../../domain/topups/approve-topup';
import { approvalAction } from './approval-action';

export function approveTopupAction(services: Services) {
  return approvalAction(services, 'approve top-up', (s, input) => approveTopup(s.topupDeps, input));
}
