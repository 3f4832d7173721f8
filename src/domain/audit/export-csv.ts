import { stringify } from 'csv-stringify/sync';
import { inert } from '../batch/results';
import { zonedTime } from '../local-time';
import { centsToDecimalString } from '../money';
import { auditSentence, requestNoun } from './action-words';
import type { AuditNames } from './audit-names';
import { auditFacts } from './entry-facts';
import type { AuditActor, AuditEntry } from './types';

/**
 * One readable column per fact instead of the stored details as JSON. `at_utc` and `hash` are
 * what the chain covers, kept so a row can be checked against `/payouts audit verify`.
 */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'time',
  'at_utc',
  'who',
  'who_slack_id',
  'what',
  'action',
  'reference',
  'writer',
  'amount_usd',
  'stripe_id',
  'reason',
  'note',
  'more',
  'hash',
] as const;

/** Who acted, by name: a person by their Slack name, Stripe with its event, Paydesk with its process. */
export function actorName(actor: AuditActor, names: Pick<AuditNames, 'person'>): string {
  switch (actor.kind) {
    case 'slack':
      return names.person(actor.userId);
    case 'stripe':
      return `Stripe (event ${actor.eventId})`;
    case 'system':
      return actor.process === 'paydesk' ? 'Paydesk' : `Paydesk (${actor.process.replaceAll('_', ' ')})`;
  }
}

/** What the entry is about, in plain words: "top-up TU-0007", a writer's name. */
function subjectName(entry: AuditEntry, names: AuditNames): string {
  const noun = requestNoun(entry.subject.type);
  const payee = entry.subject.type === 'transfer' ? names.writerOf(entry) : undefined;
  if (noun) return `${noun} ${entry.subject.id}${payee ? ` to ${payee.name}` : ''}`;
  if (entry.subject.type === 'writer') return names.writerOf(entry)?.name ?? 'a writer';
  return entry.subject.type.replaceAll('_', ' ');
}

/**
 * One row per entry, oldest first: times in the reader's zone (named in each cell), people and
 * writers by name, amounts as dollars and cents (`2000.00`), exactly. Text from people (names,
 * memos, reasons) is neutralised so a spreadsheet does not run it.
 */
export function auditCsv(entries: AuditEntry[], view: { names: AuditNames; timeZone: string }): string {
  const { names, timeZone } = view;
  const time = (at: Date) => zonedTime(at, timeZone);
  const rows = entries.map((entry) => {
    const facts = auditFacts(entry, { person: names.person, time });
    const who = entry.actor.kind === 'slack' ? names.person(entry.actor.userId) : 'Stripe';
    const what = auditSentence(
      entry,
      entry.actor.kind === 'system' ? 'Paydesk' : who,
      subjectName(entry, names),
    );
    return [
      entry.seq,
      time(entry.at),
      entry.at.toISOString(),
      inert(actorName(entry.actor, names)),
      entry.actor.kind === 'slack' ? entry.actor.userId : '',
      inert(what),
      entry.action,
      facts.reference,
      inert(names.writerOf(entry)?.name ?? ''),
      facts.amountCents === null ? '' : centsToDecimalString(facts.amountCents),
      facts.stripeId,
      inert(facts.reason),
      inert(facts.note),
      inert(facts.more.map(([label, value]) => `${label}: ${value}`).join('; ')),
      entry.hash,
    ];
  });
  return stringify(rows, { header: true, columns: [...AUDIT_CSV_COLUMNS] });
}
