import type { Services } from '../../../app/services';
import { currentTaxYear } from '../../../domain/tax/year-figures';
import { parseTaxYear } from '../commands/payouts/tax-args';
import { sendStatement } from '../send-statement';
import { buttonListener } from './button-listener';

/**
 * "Get my <year> statement" on a writer's App Home: what `/payouts statement <year>` gives them,
 * by the same code. Whose statement comes from the signed payload (the clicker, always their
 * own); the button's value only names the year, so a tab left open from December still gives
 * the year it shows. A Home click has no response_url: the message comes by DM, beside the CSV.
 */
export function homeStatementAction(services: Services) {
  return buttonListener(services, 'statement from Home', async (click) => {
    const year = click.value
      ? parseTaxYear(click.value, '`/payouts statement [year]`')
      : currentTaxYear(services.taxDeps);
    await click.reply(await sendStatement(services, click.user, click.user.userId, year));
  });
}
