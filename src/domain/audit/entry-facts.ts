import { centsToDecimalString } from '../money';
import { requestNoun } from './action-words';
import type { AuditEntry } from './types';

/**
 * What an audit entry says, field by field, in words a reader follows: the request's reference,
 * the amount, the Stripe object, why (a reason or Stripe's error), what people typed, and the
 * rest of its details. Database ids (request, run and writer ids) are left out: the reference and
 * the writer's name say the same to a person.
 */
export type AuditFacts = {
  reference: string;
  amountCents: number | null;
  stripeId: string;
  reason: string;
  /** What someone typed with it: a description, memo or file name. */
  note: string;
  /** Everything else in the details, as `label: value` pairs. */
  more: [string, string][];
};

/** Ids of Paydesk's own records: the reference and the writer's name stand in for them. */
const DATABASE_IDS = new Set(['requestId', 'runId', 'writerId', 'slackUserId']);
const STRIPE_IDS = ['stripeTopupId', 'stripeTransferId', 'stripeReversalId', 'stripeAccountId'];
const NOTES = ['description', 'memo', 'file'];
/** Keys shown in their own column, or in words elsewhere (people by name). */
const SHOWN = new Set(['amountCents', 'reason', 'code', 'message', 'error', ...STRIPE_IDS, ...NOTES]);
const PEOPLE_KEYS = ['requestedBy', 'approvedBy'] as const;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `requiredApprovals` → `required approvals`; `neededCents` → `needed`. */
function label(key: string): string {
  return key
    .replace(/Cents$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
}

/** Why: a reason someone gave, or Stripe's error code and message, or what went wrong. */
function reasonOf(details: AuditEntry['details']): string {
  const given = text(details.reason);
  const code = text(details.code);
  const message = text(details.message);
  const error = text(details.error);
  const stripe = [code, message].filter(Boolean).join(': ');
  return [given, stripe, error].filter(Boolean).join(' · ');
}

/**
 * A detail's value as a reader sees it: amounts (`…Cents`) in dollars, times with `time`,
 * lists joined, nested objects as `key value` pairs.
 */
function valueText(key: string, value: unknown, time: (at: Date) => string): string {
  if (value === null || value === undefined) return '';
  if (key.endsWith('Cents') && typeof value === 'number') return `$${centsToDecimalString(value)}`;
  if (value instanceof Date) return time(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? value : time(at);
  }
  if (Array.isArray(value)) return value.map((item) => valueText(key, item, time)).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([inner, item]) => `${label(inner)} ${valueText(inner, item, time)}`.trim())
      .join(', ');
  }
  return String(value);
}

export function auditFacts(
  entry: AuditEntry,
  view: { person(userId: string): string; time(at: Date): string },
): AuditFacts {
  const { details } = entry;
  const more: [string, string][] = [];
  for (const [key, value] of Object.entries(details)) {
    if (DATABASE_IDS.has(key) || SHOWN.has(key)) continue;
    const shown = (PEOPLE_KEYS as readonly string[]).includes(key)
      ? view.person(text(value))
      : valueText(key, value, view.time);
    if (shown !== '') more.push([label(key), shown]);
  }
  const amount = details.amountCents;
  return {
    reference: requestNoun(entry.subject.type) ? entry.subject.id : '',
    amountCents: typeof amount === 'number' ? amount : null,
    stripeId: STRIPE_IDS.map((key) => text(details[key])).find(Boolean) ?? '',
    reason: reasonOf(details),
    note: NOTES.map((key) => text(details[key])).find((value) => value.trim() !== '') ?? '',
    more,
  };
}
