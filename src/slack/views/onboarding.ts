import { format } from 'date-fns';
import { describeRequirements } from '../../domain/onboarding/requirements';
import type { Writer, WriterStatus } from '../../domain/onboarding/types';
import { ACTIONS } from '../ids';
import { actions, context, linkButton, type SlackMessage, section } from './blocks';
import { type EphemeralMessage, ephemeralText } from './ephemeral';
import { escapeMrkdwn, mention } from './escape';

const PRODUCT = 'Paydesk';

function day(date: Date): string {
  return format(date, 'EEE, MMM d');
}

function needsText(needs: readonly string[]): string {
  return needs.length > 0 ? needs.map(escapeMrkdwn).join(', ') : 'a few more details';
}

function greeting(writer: Pick<Writer, 'firstName' | 'displayName'>): string {
  const name = (writer.firstName ?? writer.displayName).trim();
  return name ? `Hi ${escapeMrkdwn(name)}` : 'Hi';
}

// ---- DMs to writers -------------------------------------------------------------------------

export function invitationDm(input: {
  writer: Pick<Writer, 'firstName' | 'displayName'>;
  startUrl: string;
  expiresAt: Date;
  reason: 'invite' | 'connect';
}): SlackMessage {
  const intro =
    input.reason === 'invite'
      ? `${greeting(input.writer)} — writers here are paid through Stripe, using ${PRODUCT}. Connect your Stripe account to get paid; it takes about five minutes.`
      : `${greeting(input.writer)} — here is a fresh link to connect your Stripe account so you can be paid.`;
  return {
    text: `${intro} Connect with Stripe: ${input.startUrl}`,
    blocks: [
      section(intro),
      actions('writer_connect', linkButton('Connect with Stripe', input.startUrl, ACTIONS.connectWithStripe)),
      context(
        `This link is yours alone and works for 7 days (until ${day(input.expiresAt)}). Ask for a new one any time with \`/payouts connect\`.`,
      ),
    ],
  };
}

/**
 * The invitation DM once the writer is connected: the same greeting, "Connected ✓" where the
 * button was, and no link left in it.
 */
export function invitationConnectedDm(writer: Pick<Writer, 'firstName' | 'displayName'>): SlackMessage {
  const text = `${greeting(writer)} — your Stripe account is connected to ${PRODUCT}, so this invitation has done its job.`;
  return {
    text: `Connected ✓ ${text}`,
    blocks: [section(text), section('*Connected ✓*')],
  };
}

export function connectedDm(input: {
  stripeAccountId: string;
  ready: boolean;
  needs: readonly string[];
  continueUrl: string | null;
}): SlackMessage {
  const connected = `You're connected to Stripe (\`${escapeMrkdwn(input.stripeAccountId)}\`).`;
  if (input.ready || !input.continueUrl) {
    const text = `${connected} You'll get a message here each time you're paid.`;
    return { text, blocks: [section(`:white_check_mark: ${text}`)] };
  }
  const text = `${connected} Stripe needs a few more details before you can be paid: ${needsText(input.needs)}.`;
  return {
    text,
    blocks: [
      section(text),
      actions(
        'writer_connect',
        linkButton('Finish with Stripe', input.continueUrl, ACTIONS.connectWithStripe),
      ),
      context("You'll get a message here once you can be paid, and each time you're paid."),
    ],
  };
}

export function readyDm(input: { stripeAccountId: string; wasRestricted: boolean }): SlackMessage {
  const text = input.wasRestricted
    ? `Stripe has what it needed: your account (\`${escapeMrkdwn(input.stripeAccountId)}\`) can be paid again. You'll get a message here each time you're paid.`
    : `Stripe has everything it needs: your account (\`${escapeMrkdwn(input.stripeAccountId)}\`) is ready to be paid. You'll get a message here each time you're paid.`;
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}

export function restrictedDm(input: { needs: readonly string[]; continueUrl: string }): SlackMessage {
  const text = `Stripe needs a few more details before you can be paid: ${needsText(input.needs)}.`;
  return {
    text,
    blocks: [
      section(`:warning: ${text}`),
      actions(
        'writer_connect',
        linkButton('Finish with Stripe', input.continueUrl, ACTIONS.connectWithStripe),
      ),
      context(
        'Payments to you are on hold until then. The link works for 7 days; `/payouts connect` gets a new one.',
      ),
    ],
  };
}

export function dashboardDm(input: { url: string }): SlackMessage {
  const text = 'Here is your Stripe Express dashboard: payouts, bank account and tax details.';
  return {
    text: `${text} ${input.url}`,
    blocks: [
      section(text),
      actions(
        'writer_dashboard',
        linkButton('Open my Stripe dashboard', input.url, ACTIONS.openStripeDashboard),
      ),
      context(
        'The link works once and only for a few minutes. Run `/payouts dashboard` again for a new one.',
      ),
    ],
  };
}

// ---- Finance channel ------------------------------------------------------------------------

export function writerConnectedAlert(input: {
  writerUserId: string;
  stripeAccountId: string;
  ready: boolean;
  needs: readonly string[];
}): SlackMessage {
  const base = `:link: ${mention(input.writerUserId)} connected their Stripe account \`${escapeMrkdwn(input.stripeAccountId)}\``;
  const text = input.ready
    ? `${base} and can be paid.`
    : `${base}. Stripe still needs: ${needsText(input.needs)} before they can be paid.`;
  return { text, blocks: [section(text)] };
}

export function writerReadyAlert(input: {
  writerUserId: string;
  stripeAccountId: string;
  wasRestricted: boolean;
}): SlackMessage {
  const text = input.wasRestricted
    ? `:white_check_mark: ${mention(input.writerUserId)} can be paid again: Stripe has what it needed (\`${escapeMrkdwn(input.stripeAccountId)}\`).`
    : `:white_check_mark: ${mention(input.writerUserId)} finished with Stripe and can be paid (\`${escapeMrkdwn(input.stripeAccountId)}\`).`;
  return { text, blocks: [section(text)] };
}

export function writerRestrictedAlert(input: {
  writerUserId: string;
  stripeAccountId: string;
  needs: readonly string[];
}): SlackMessage {
  const text = `:warning: ${mention(input.writerUserId)} can't be paid until they give Stripe: ${needsText(input.needs)} (\`${escapeMrkdwn(
    input.stripeAccountId,
  )}\`). They were sent a link to finish.`;
  return { text, blocks: [section(text)] };
}

export function writerDeauthorizedAlert(input: {
  writerUserId: string;
  stripeAccountId: string;
}): SlackMessage {
  const text = `:no_entry: ${mention(input.writerUserId)} disconnected ${PRODUCT} from their Stripe account \`${escapeMrkdwn(
    input.stripeAccountId,
  )}\`. They can't be paid until they're invited again with \`/payouts invite\`.`;
  return { text, blocks: [section(text)] };
}

// ---- Ephemeral answers ----------------------------------------------------------------------

export function invitedMessage(input: {
  writerUserId: string;
  again: boolean;
  expiresAt: Date;
}): EphemeralMessage {
  return ephemeralText(
    `${input.again ? 'Invited again' : 'Invited'}: ${mention(input.writerUserId)} has a DM from ${PRODUCT} with their link to connect with Stripe (it works until ${day(
      input.expiresAt,
    )}). You'll see a message here in the finance channel when they're connected.`,
  );
}

export function alreadyConnectedMessage(writer: Writer): EphemeralMessage {
  const account = writer.stripeAccountId ? ` (\`${escapeMrkdwn(writer.stripeAccountId)}\`)` : '';
  if (writer.status === 'active') {
    return ephemeralText(
      `${mention(writer.slackUserId)} is already connected to Stripe${account} and can be paid. Nothing was changed.`,
    );
  }
  return ephemeralText(
    `${mention(writer.slackUserId)} is already connected to Stripe${account}, but Stripe still needs: ${needsText(
      describeRequirements(writer.requirementsDue),
    )}. They have a link to finish; they can get a fresh one with \`/payouts connect\`. Nothing was changed.`,
  );
}

export function freshLinkSentMessage(expiresAt: Date): EphemeralMessage {
  return ephemeralText(
    `I sent you a DM with a fresh link to connect with Stripe. It works until ${day(expiresAt)}.`,
  );
}

export function alreadyActiveMessage(writer: Writer): EphemeralMessage {
  const account = writer.stripeAccountId ? ` (\`${escapeMrkdwn(writer.stripeAccountId)}\`)` : '';
  return ephemeralText(
    `You're already connected to Stripe${account} and can be paid. To see payouts or change your bank account, use \`/payouts dashboard\`.`,
  );
}

export function dashboardSentMessage(): EphemeralMessage {
  return ephemeralText(
    'I sent you a DM with a link to your Stripe dashboard. It works once, for a few minutes.',
  );
}

const STATUS_LABEL: Record<WriterStatus, string> = {
  invited: 'invited',
  onboarding: 'onboarding',
  active: 'active',
  restricted: 'restricted',
  deauthorized: 'disconnected',
};

function writerLine(writer: Writer): string {
  const who = `${mention(writer.slackUserId)} — *${STATUS_LABEL[writer.status]}*`;
  const account = writer.stripeAccountId ? ` · \`${escapeMrkdwn(writer.stripeAccountId)}\`` : '';
  const needs = describeRequirements(writer.requirementsDue);
  switch (writer.status) {
    case 'invited':
      return `${who} · invited ${day(writer.invitedAt)} by ${mention(writer.invitedBy.userId)} · hasn't started with Stripe`;
    case 'onboarding':
      return `${who}${account} · ${needs.length > 0 ? `Stripe still needs: ${needsText(needs)}` : 'Stripe is reviewing their details'}`;
    case 'active':
      return `${who}${account} · can be paid`;
    case 'restricted':
      return `${who}${account} · can't be paid until they give Stripe: ${needsText(needs)}`;
    case 'deauthorized':
      return `${who}${account} · disconnected ${PRODUCT} on ${day(writer.statusChangedAt)}; invite them again to reconnect`;
    default:
      return who;
  }
}

export function writersListMessage(writers: readonly Writer[]): EphemeralMessage {
  if (writers.length === 0) {
    return ephemeralText('No writers yet. Invite one with `/payouts invite @writer`.');
  }
  const counts = new Map<WriterStatus, number>();
  for (const writer of writers) counts.set(writer.status, (counts.get(writer.status) ?? 0) + 1);
  const summary = (['active', 'restricted', 'onboarding', 'invited', 'deauthorized'] as const)
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${STATUS_LABEL[status]}`)
    .join(' · ');
  return ephemeralText(
    `*Writers* (${summary})\n${writers.map((writer) => `• ${writerLine(writer)}`).join('\n')}`,
  );
}
