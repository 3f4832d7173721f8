import { addDays, isValid, parseISO } from 'date-fns';
import { auditCsv } from '../../../../domain/audit/export-csv';
import type { AuditEntry } from '../../../../domain/audit/types';
import { PaydeskError } from '../../../../domain/errors';
import { quoteInput } from '../../../../domain/mrkdwn';
import { auditExportedMessage, auditLatestMessage, auditVerifyMessage } from '../../../views/audit';
import type { Subcommand } from './context';

export const payoutsAudit: Subcommand = async (input) => {
  const [action = 'latest', ...rest] = input.args;
  const { services, respond } = input;
  switch (action.toLowerCase()) {
    case 'latest':
      await respond(auditLatestMessage(await services.audit.latest(20)));
      return;
    case 'verify':
      // Verify also posts a checkpoint of the head it saw to the finance channel.
      await respond(auditVerifyMessage(await services.audit.verify(), services.config.finance.channelId));
      return;
    case 'export': {
      const range = parseRange(rest);
      const entries: AuditEntry[] = [];
      for await (const entry of services.audit.inOrder(range)) entries.push(entry);
      await services.slack.filesUploadV2({
        channel_id: services.config.finance.channelId,
        filename: `paydesk-audit-${range.label.replaceAll(' ', '_')}.csv`,
        title: `Paydesk audit trail (${range.label})`,
        content: auditCsv(entries),
        initial_comment: `Audit export requested by <@${input.command.user_id}>: ${entries.length} entries (${range.label}).`,
      });
      await respond(auditExportedMessage(entries.length, range.label));
      return;
    }
    default:
      throw new PaydeskError(
        'unknown_subcommand',
        'Try `/payouts audit`, `/payouts audit export [from] [to]` (dates like 2026-11-01) or `/payouts audit verify`.',
      );
  }
};

/** `from` and `to` are calendar days (UTC), both inclusive. */
function parseRange(args: string[]): { from?: Date; to?: Date; label: string } {
  const [fromText, toText] = args;
  const parse = (text: string) => {
    const date = parseISO(`${text}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !isValid(date)) {
      throw new PaydeskError(
        'bad_date',
        `${quoteInput(text)} isn't a date. Use the form 2026-11-01, e.g. \`/payouts audit export 2026-11-01 2026-11-30\`. Nothing was exported.`,
      );
    }
    return date;
  };
  const from = fromText ? parse(fromText) : undefined;
  const to = toText ? addDays(parse(toText), 1) : undefined;
  const label = fromText ? `${fromText} to ${toText ?? 'now'}` : 'all entries';
  return { from, to, label };
}
