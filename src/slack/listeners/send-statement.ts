import type { Services } from '../../app/services';
import { PaydeskError } from '../../domain/errors';
import { escapeMrkdwn } from '../../domain/mrkdwn';
import type { SlackUserRef } from '../../domain/requests/types';
import { statementCsv } from '../../domain/tax/csv';
import { writerStatement } from '../../domain/tax/statement';
import type { EphemeralMessage } from '../views/ephemeral';
import { statementMessage } from '../views/tax-statement';

/**
 * The statement of the writer who is `userId` for `year`, asked for by `asker` (who may see it:
 * the caller checked): the CSV goes to the asker's DM, and the message is returned for the caller
 * to deliver (the command's private answer, or a DM for a click on App Home, which has no
 * response_url).
 */
export async function sendStatement(
  services: Services,
  asker: SlackUserRef,
  userId: string,
  year: number,
): Promise<EphemeralMessage> {
  const deps = services.taxDeps;
  const own = userId === asker.userId;
  const writer = await deps.writers.findBySlackUser(asker.teamId, userId);
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
    const dm = await services.slack.conversations.open({ users: asker.userId });
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
  return statementMessage(statement, { own, csvSent });
}
