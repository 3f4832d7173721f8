import type { Services } from '../../../services';
import { rejectAction } from './reject-action';

export function rejectTopupAction(services: Services) {
  return rejectAction(services, 'topup', (id) => services.topupDeps.topups.load(id));
}
