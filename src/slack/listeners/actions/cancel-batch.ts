import type { Services } from '../../../app/services';
import { cancelPayoutRun } from '../../../domain/batch/cancel-run';
import { ephemeralText } from '../../views/ephemeral';
import { buttonListener } from './button-listener';

/** Cancel on a paused payout run: no further line is paid; the unsent lines' cap is given back. */
export function cancelBatchAction(services: Services) {
  return buttonListener(services, 'cancel payout run', async (click) => {
    const outcome = await cancelPayoutRun(services.batchDeps, {
      id: click.value,
      user: click.user,
      isFinance: await click.isFinance(),
    });
    if (outcome.kind === 'refused') await click.reply(ephemeralText(outcome.message));
  });
}
