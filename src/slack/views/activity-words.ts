import type { AuditEntry } from '../../domain/audit/types';
import { formatCents } from '../../domain/money';
import { escapeMrkdwn, mention, slackTime } from './escape';

/** What a subject is called in a sentence ("top-up TU-0007"); writers are named by mention. */
const NOUNS: Record<string, string> = {
  topup: 'top-up',
  transfer: 'transfer',
  payout_run: 'payout run',
};

type Phrase = (who: string, thing: string) => string;

/** The last word of an action (`topup.approved` → approved), said as a sentence. */
const PHRASES: Record<string, Phrase> = {
  requested: (who, thing) => `${who} requested ${thing}`,
  approval_recorded: (who, thing) => `${who} approved ${thing} (it needs one more approval)`,
  approved: (who, thing) => `${who} approved ${thing}`,
  rejected: (who, thing) => `${who} rejected ${thing}`,
  canceled: (who, thing) => `${who} cancelled ${thing}`,
  retry_requested: (who, thing) => `${who} retried ${thing}`,
  reversal_requested: (who, thing) => `${who} asked to reverse ${thing}`,
  reversal_approved: (who, thing) => `${who} approved the reversal of ${thing}`,
  reversal_rejected: (who, thing) => `${who} kept the payment of ${thing}`,
  reversal_failed: (_who, thing) => `The reversal of ${thing} failed at Stripe`,
  resumed: (who, thing) => `${who} resumed ${thing}`,
  submitted: (_who, thing) => `${thing} was sent to Stripe`,
  submit_uncertain: (_who, thing) => `${thing} was sent to Stripe; Paydesk is checking the answer`,
  pending: (_who, thing) => `${thing} is pending at Stripe`,
  succeeded: (_who, thing) => `${thing} settled`,
  paid: (_who, thing) => `${thing} was paid`,
  failed: (_who, thing) => `${thing} failed at Stripe`,
  reversed: (_who, thing) => `${thing} was reversed`,
  expired: (_who, thing) => `${thing} expired without a decision`,
  started: (_who, thing) => `${thing} started paying`,
  paused: (_who, thing) => `${thing} paused`,
  completed: (_who, thing) => `${thing} finished`,
  connected: (who) => `${who} connected their Stripe account`,
  dashboard_link_sent: (who) => `${who} opened their Stripe dashboard`,
  link_requested: (who) => `${who} asked for a new onboarding link`,
  invited: (who, thing) => `${who} invited ${thing}`,
  reinvited: (who, thing) => `${who} invited ${thing} again`,
  line_paid: (_who, thing) => `A line of ${thing} was paid`,
  line_failed: (_who, thing) => `A line of ${thing} failed at Stripe`,
  line_waiting_for_balance: (_who, thing) => `A line of ${thing} waits for balance`,
  repaired: () => 'Paydesk finished requests left unfinished (the reconciler)',
  event_ignored: () => 'Paydesk ignored a Stripe event that was not for it',
  status_changed: (_who, thing) => `Stripe changed what ${thing} can do`,
  deauthorized: (_who, thing) => `${thing} disconnected Paydesk from their Stripe account`,
};

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
function subjectWords(entry: AuditEntry, writers: ReadonlyMap<string, string>): string {
  const { type, id } = entry.subject;
  if (type === 'writer') {
    const slackUserId = writers.get(id);
    return slackUserId ? mention(slackUserId) : 'a writer';
  }
  const noun = NOUNS[type];
  return noun ? `${noun} ${escapeMrkdwn(id)}` : escapeMrkdwn(type.replaceAll('_', ' '));
}

/**
 * One audit entry as a sentence for App Home's recent activity: who did what to which request,
 * the amount, and when (in the reader's time zone). `writers` maps writer ids to Slack users.
 */
export function activityLine(entry: AuditEntry, writers: ReadonlyMap<string, string> = new Map()): string {
  const verb = entry.action.split('.').pop() ?? entry.action;
  const thing = subjectWords(entry, writers);
  const phrase = PHRASES[verb];
  const sentence = phrase
    ? phrase(actorWords(entry), thing)
    : `${actorWords(entry)}: ${escapeMrkdwn(verb.replaceAll('_', ' '))} · ${thing}`;
  const cents = entry.details.amountCents;
  const amount = typeof cents === 'number' ? ` · ${formatCents(cents)}` : '';
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}${amount} · ${slackTime(entry.at)}`;
}
