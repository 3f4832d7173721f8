import type { Services } from '../../../app/services';
import { rejectAction } from './reject-action';

export function rejectTopupAction(services: Services) {
  return rejectAction(services, 'topup', (id) => services.topupDeps.topups.load(id));
}
