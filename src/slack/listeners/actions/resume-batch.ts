import type { Services } from '../../../app/services';
import { resumePayoutRun } from '../../../domain/batch/resume-run';
import { ephemeralText } from '../../views/ephemeral';
import { buttonListener } from './button-listener';

/** Resume on a paused payout run (its message, or the "top-up settled" note in its thread). */
export function resumeBatchAction(services: Services) {
  return buttonListener(services, 'resume payout run', async (click) => {
    const outcome = await resumePayoutRun(services.batchDeps, {
      id: click.value,
      user: click.user,
      isFinance: await click.isFinance(),
    });
    if (outcome.kind === 'refused') await click.reply(ephemeralText(outcome.message));
  });
}
