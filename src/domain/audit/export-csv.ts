import { stringify } from 'csv-stringify/sync';
import { centsToDecimalString } from '../money';
import type { AuditEntry } from './types';

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'action',
  'subject_type',
  'subject_id',
  'amount_usd',
  'details',
  'hash',
] as const;

export function actorLabel(actor: AuditEntry['actor']): string {
  switch (actor.kind) {
    case 'slack':
      return `slack:${actor.teamId}/${actor.userId}`;
    case 'stripe':
      return `stripe:${actor.eventId}`;
    case 'system':
      return `system:${actor.process}`;
  }
}

/** One row per entry; amounts appear as dollars and cents (`2000.00`), exactly. */
export function auditCsv(entries: AuditEntry[]): string {
  const rows = entries.map((entry) => {
    const cents = entry.details.amountCents;
    return [
      entry.seq,
      entry.at.toISOString(),
      actorLabel(entry.actor),
      entry.action,
      entry.subject.type,
      entry.subject.id,
      typeof cents === 'number' ? centsToDecimalString(cents) : '',
      JSON.stringify(entry.details),
      entry.hash,
    ];
  });
  return stringify(rows, { header: true, columns: [...AUDIT_CSV_COLUMNS] });
}
