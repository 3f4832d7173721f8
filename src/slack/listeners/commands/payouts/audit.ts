import { isValid, parseISO } from 'date-fns';
import { auditCsv } from '../../../../domain/audit/export-csv';
import type { AuditEntry } from '../../../../domain/audit/types';
import { PaydeskError } from '../../../../domain/errors';
import { startOfZonedDay, type ViewerZone } from '../../../../domain/local-time';
import { escapeMrkdwn, quoteInput } from '../../../../domain/mrkdwn';
import { auditNamesFor, viewerZoneOf } from '../../../viewer-zone';
import { auditExportedMessage, auditLatestMessage, auditVerifyMessage } from '../../../views/audit';
import type { Subcommand } from './context';

export const payoutsAudit: Subcommand = async (input) => {
  const [action = 'latest', ...rest] = input.args;
  const { services, respond } = input;
  switch (action.toLowerCase()) {
    case 'latest': {
      const entries = await services.audit.latest(20);
      await respond(auditLatestMessage(entries, await auditNamesFor(services, entries)));
      return;
    }
    case 'verify':
      // Verify also posts a checkpoint of the head it saw to the finance channel.
      await respond(auditVerifyMessage(await services.audit.verify(), services.config.finance.channelId));
      return;
    case 'export': {
      // Days and times are the asker's: "2026-11-01" is their November 1st, named in the file.
      const zone = await viewerZoneOf(services, input.command.user_id);
      const range = parseRange(rest, zone);
      const entries: AuditEntry[] = [];
      for await (const entry of services.audit.inOrder(range)) entries.push(entry);
      const names = await auditNamesFor(services, entries);
      await services.slack.filesUploadV2({
        channel_id: services.config.finance.channelId,
        filename: `paydesk-audit-${range.label.replaceAll(' ', '_')}.csv`,
        title: `Paydesk audit trail (${range.label})`,
        content: auditCsv(entries, { names, timeZone: zone.timeZone }),
        initial_comment: `Audit export requested by <@${input.command.user_id}>: ${entries.length} entries (${range.label}). Times are in ${escapeMrkdwn(zone.label)} (${escapeMrkdwn(zone.timeZone)}).`,
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

/** `from` and `to` are calendar days in the asker's zone, both inclusive. */
function parseRange(args: string[], zone: ViewerZone): { from?: Date; to?: Date; label: string } {
  const [fromText, toText] = args;
  const check = (text: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !isValid(parseISO(`${text}T00:00:00Z`))) {
      throw new PaydeskError(
        'bad_date',
        `${quoteInput(text)} isn't a date. Use the form 2026-11-01, e.g. \`/payouts audit export 2026-11-01 2026-11-30\`. Nothing was exported.`,
      );
    }
    return text;
  };
  const from = fromText ? startOfZonedDay(check(fromText), zone.timeZone) : undefined;
  const to = toText ? startOfZonedDay(check(toText), zone.timeZone, 1) : undefined;
  const label = fromText ? `${fromText} to ${toText ?? 'now'}` : 'all entries';
  return { from, to, label };
}
