import { PaydeskError } from '../../../../domain/errors';
import { quoteInput } from '../../../../domain/mrkdwn';
import { currentTaxYear } from '../../../../domain/tax/year-figures';
import { parseUserMention } from '../../../../domain/transfers/request-transfer';
import { sendStatement } from '../../send-statement';
import type { Subcommand } from './context';
import { parseTaxYear } from './tax-args';

const USAGE = '`/payouts statement [year]` (yours) or, for finance, `/payouts statement @writer [year]`';

/**
 * `/payouts statement [@writer] [year]`: a writer's payments and reversals in a tax year, as a
 * message and a CSV sent to the asker's DMs. Finance may name any writer; anyone else sees
 * only their own, and naming someone else is refused.
 */
export const payoutsStatement: Subcommand = async ({ services, args, respond, command, isFinance }) => {
  let userId = command.user_id;
  let year = currentTaxYear(services.taxDeps);
  for (const arg of args) {
    const named = parseUserMention(arg);
    if (named) userId = named;
    else if (/^\d+$/.test(arg)) year = parseTaxYear(arg, USAGE);
    else
      throw new PaydeskError('bad_arguments', `${quoteInput(arg)} isn't a mention or a year. Try ${USAGE}.`);
  }
  if (userId !== command.user_id && !isFinance) {
    throw new PaydeskError(
      'not_your_statement',
      'You can only see your own statement: try `/payouts statement` on its own. Finance can send you anyone else’s.',
    );
  }
  const asker = { teamId: command.team_id, userId: command.user_id };
  await respond(await sendStatement(services, asker, userId, year));
};
