import { auditSentence, requestNoun } from '../../domain/audit/action-words';
import { type AuditNames, writerIdIn } from '../../domain/audit/audit-names';
import type { AuditEntry } from '../../domain/audit/types';
import { formatCents } from '../../domain/money';
import { escapeMrkdwn, mention, slackTime } from './escape';

function actorWords(entry: AuditEntry): string {
  switch (entry.actor.kind) {
    case 'slack':
      return mention(entry.actor.userId);
    case 'stripe':
      return 'Stripe';
    default:
      return 'Paydesk';
  }
}

/** The subject in words: a request by its reference, a writer by mention (never a database id). */
function subjectWords(entry: AuditEntry, names: AuditNames): string {
  const { type, id } = entry.subject;
  if (type === 'writer') {
    const writer = names.writerOf(entry);
    return writer ? mention(writer.slackUserId) : 'a writer';
  }
  const noun = requestNoun(type);
  if (!noun) return escapeMrkdwn(type.replaceAll('_', ' '));
  const payee = type === 'transfer' ? names.writerOf(entry) : undefined;
  return `${noun} ${escapeMrkdwn(id)}${payee ? ` to ${mention(payee.slackUserId)}` : ''}`;
}

/** The entry as a Slack sentence with its amount: "@fin.two approved top-up TU-0007 · $2,000.00". */
export function auditEntryWords(entry: AuditEntry, names: AuditNames): string {
  const sentence = auditSentence(entry, actorWords(entry), subjectWords(entry, names));
  const cents = entry.details.amountCents;
  return `${sentence}${typeof cents === 'number' ? ` · ${formatCents(cents)}` : ''}`;
}

/** Writers known by their Slack user only (App Home reads every writer anyway); mentioned, not named. */
function mentionOnly(writers: ReadonlyMap<string, string>): AuditNames {
  return {
    person: (userId) => userId,
    writerOf: (entry) => {
      const id = writerIdIn(entry);
      const slackUserId = id === undefined ? undefined : writers.get(id);
      return slackUserId ? { name: slackUserId, slackUserId } : undefined;
    },
  };
}

/**
 * One audit entry as a sentence for App Home's recent activity: who did what to which request,
 * the amount, and when (in the reader's time zone). `writers` maps writer ids to Slack users.
 */
export function activityLine(entry: AuditEntry, writers: ReadonlyMap<string, string> = new Map()): string {
  return `${auditEntryWords(entry, mentionOnly(writers))} · ${slackTime(entry.at)}`;
}
