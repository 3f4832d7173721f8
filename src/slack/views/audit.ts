import { format } from 'date-fns';
import { actorLabel } from '../../domain/audit/export-csv';
import type { AuditEntry } from '../../domain/audit/types';
import { formatCents } from '../../domain/money';
import { type EphemeralMessage, ephemeralText } from './ephemeral';
import { escapeMrkdwn, mention } from './escape';

function who(entry: AuditEntry): string {
  return entry.actor.kind === 'slack' ? mention(entry.actor.userId) : escapeMrkdwn(actorLabel(entry.actor));
}

export function auditLatestMessage(entries: AuditEntry[]): EphemeralMessage {
  if (entries.length === 0) return ephemeralText('The audit trail is empty: nothing has happened yet.');
  const lines = entries.map((entry) => {
    const amount =
      typeof entry.details.amountCents === 'number' ? ` · ${formatCents(entry.details.amountCents)}` : '';
    return `\`#${entry.seq}\` ${format(entry.at, 'EEE, MMM d HH:mm')} · *${escapeMrkdwn(entry.action)}* · ${escapeMrkdwn(
      `${entry.subject.type} ${entry.subject.id}`,
    )}${amount} · ${who(entry)}`;
  });
  return ephemeralText(`*Latest ${entries.length} audit entries* (newest first)\n${lines.join('\n')}`);
}

export function auditVerifyMessage(result: {
  count: number;
  firstBreak?: { seq: number; reason: string };
}): EphemeralMessage {
  if (!result.firstBreak) {
    return ephemeralText(`:white_check_mark: ${result.count} entries, chain intact.`);
  }
  return ephemeralText(
    `:rotating_light: The audit chain is broken at entry ${result.firstBreak.seq}: ${result.firstBreak.reason}. Entries before it are intact. Tell whoever administers the database now.`,
  );
}

export function auditExportedMessage(count: number, rangeLabel: string): EphemeralMessage {
  return ephemeralText(`Exported ${count} audit entries (${rangeLabel}) as a CSV to the finance channel.`);
}
