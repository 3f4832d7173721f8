import type { AuditEntry } from './types';

/**
 * The one table that words audit actions, for every surface that shows the trail: App Home's
 * recent activity, `/payouts audit` and the audit CSV. Each surface names the actor and the
 * subject its own way (a Slack mention, or a plain name in a file) and passes them in.
 */

/** What a request subject is called in a sentence ("top-up TU-0007"). */
const NOUNS: Record<string, string> = {
  topup: 'top-up',
  transfer: 'transfer',
  payout_run: 'payout run',
};

/** `top-up` for `topup` subjects; undefined for subjects that are not requests (writers, passes). */
export function requestNoun(subjectType: string): string | undefined {
  return NOUNS[subjectType];
}

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
  stripe_account_created: (who) => `${who} started setting up their Stripe account`,
  oauth_cancelled: (who) => `${who} cancelled connecting their Stripe account`,
  oauth_failed: (_who, thing) => `Connecting ${thing}'s Stripe account failed`,
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

/**
 * The entry as a sentence, capitalised: `who` is the actor and `thing` the subject, already in
 * the surface's own form. An action without a phrase still reads as words, never as a code.
 */
export function auditSentence(entry: Pick<AuditEntry, 'action'>, who: string, thing: string): string {
  const verb = entry.action.split('.').pop() ?? entry.action;
  const phrase = PHRASES[verb];
  const sentence = phrase ? phrase(who, thing) : `${who}: ${verb.replaceAll('_', ' ')} · ${thing}`;
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;
}
