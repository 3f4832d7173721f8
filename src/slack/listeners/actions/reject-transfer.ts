import type { Services } from '../../../app/services';
import { rejectAction } from './reject-action';

export function rejectTransferAction(services: Services) {
  return rejectAction(services, 'transfer', (id) => services.transferDeps.transfers.load(id));
}
