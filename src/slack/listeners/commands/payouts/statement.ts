import { PaydeskError } from '../../../../domain/errors';
import { escapeMrkdwn, quoteInput } from '../../../../domain/mrkdwn';
import { statementCsv } from '../../../../domain/tax/csv';
import { writerStatement } from '../../../../domain/tax/statement';
import { currentTaxYear } from '../../../../domain/tax/year-figures';
import { parseUserMention } from '../../../../domain/transfers/request-transfer';
import { statementMessage } from '../../../views/tax-statement';
import type { Subcommand } from './context';
import { parseTaxYear } from './tax-args';

const USAGE = '`/payouts statement [year]` (yours) or, for finance, `/payouts statement @writer [year]`';

/**
 * `/payouts statement [@writer] [year]`: a writer's payments and reversals in a tax year, as a
 * message and a CSV sent to the asker's DMs. Finance may name any writer; anyone else sees
 * only their own, and naming someone else is refused.
 */
export const payoutsStatement: Subcommand = async ({ services, args, respond, command, isFinance }) => {
  const deps = services.taxDeps;
  let userId = command.user_id;
  let year = currentTaxYear(deps);
  for (const arg of args) {
    const named = parseUserMention(arg);
    if (named) userId = named;
    else if (/^\d+$/.test(arg)) year = parseTaxYear(arg, USAGE);
    else
      throw new PaydeskError('bad_arguments', `${quoteInput(arg)} isn't a mention or a year. Try ${USAGE}.`);
  }
  const own = userId === command.user_id;
  if (!own && !isFinance) {
    throw new PaydeskError(
      'not_your_statement',
      'You can only see your own statement: try `/payouts statement` on its own. Finance can send you anyone else’s.',
    );
  }
  const writer = await deps.writers.findBySlackUser(command.team_id, userId);
  if (!writer) {
    throw new PaydeskError(
      'not_a_writer',
      own
        ? "You aren't a writer in Paydesk, so there is no statement for you."
        : `<@${userId}> isn't a writer in Paydesk, so there is no statement. Invite them with \`/payouts invite <@${userId}>\`.`,
    );
  }
  const statement = await writerStatement(deps, writer, year);
  let csvSent = false;
  if (statement.lines.length > 0) {
    // A DM with the asker: the file goes to them only, never to a channel.
    const dm = await services.slack.conversations.open({ users: command.user_id });
    if (dm.channel?.id) {
      await services.slack.filesUploadV2({
        channel_id: dm.channel.id,
        filename: `paydesk-statement-${year}-${writer.displayName.replace(/[^A-Za-z0-9._-]+/g, '_')}.csv`,
        title: `${writer.displayName}'s ${year} statement`,
        content: statementCsv(statement),
        initial_comment: `${escapeMrkdwn(writer.displayName)}'s ${year} statement: every payment and reversal.`,
      });
      csvSent = true;
    }
  }
  await respond(statementMessage(statement, { own, csvSent }));
};
