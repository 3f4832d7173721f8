import type { Services } from '../../../app/services';
import { cancelTopup } from '../../../domain/topups/cancel-topup';
import { buttonListener } from './button-listener';

export function cancelTopupAction(services: Services) {
  return buttonListener(
    services,
    'cancel top-up',
    async (click) => {
      await cancelTopup(services.topupDeps, {
        id: click.value,
        user: click.user,
        isFinance: await click.isFinance(),
      });
    },
    'stripe',
  );
}
