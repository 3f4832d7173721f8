import { format } from 'date-fns';
import { formatCents } from '../../../src/domain/money';
import type { SimEphemeral, SimMessage, SimView } from '../../slack';
import { CAST, FINANCE_CHANNEL, ROLES } from '../cast';
import type { DemoWorld } from '../world';
import { escapeHtml } from './escape-html';
import { mrkdwnToHtml } from './mrkdwn-html';
import { renderBlocksHtml, renderModalHtml } from './render-blocks';

export type SandboxUser = { id: string; name: string; realName: string; role: string };
export type SandboxConversation = { id: string; label: string; kind: 'channel' | 'dm' | 'home' };

/** The app's Home tab, listed beside the conversations as Slack lists it beside the app's Messages. */
export const HOME_TAB: SandboxConversation = { id: 'home', label: 'Paydesk (Home tab)', kind: 'home' };

/** Everything the page shows for one person looking at one conversation, HTML already rendered and escaped. */
export type SandboxState = {
  me: SandboxUser;
  users: SandboxUser[];
  conversations: SandboxConversation[];
  conversation: SandboxConversation & { html: string };
  modal: { viewId: string; key: string; html: string } | null;
  stripeHtml: string;
};

export function sandboxUsers(world: DemoWorld): SandboxUser[] {
  return world.slack
    .users()
    .filter((user) => !user.isBot)
    .map((user) => ({
      id: user.id,
      name: user.name,
      realName: user.realName,
      role: ROLES[user.id] ?? 'member',
    }));
}

export function conversationsOf(world: DemoWorld, userId: string): SandboxConversation[] {
  return [
    { id: FINANCE_CHANNEL.id, label: `# ${FINANCE_CHANNEL.name}`, kind: 'channel' },
    { id: world.slack.dmChannelOf(userId), label: 'Paydesk (app DM)', kind: 'dm' },
  ];
}

/** Modals this person has open: the newest opened or pushed view not submitted or closed since. */
export function openModal(
  world: DemoWorld,
  userId: string,
  closed: ReadonlySet<string>,
): SimView | undefined {
  return world.slack
    .views()
    .filter((view) => view.userId === userId && view.openedWith !== 'views.publish' && !closed.has(view.id))
    .at(-1);
}

export function sandboxState(
  world: DemoWorld,
  input: { userId: string; conversationId?: string; closedViews: ReadonlySet<string> },
): SandboxState | undefined {
  const users = sandboxUsers(world);
  // Unknown or empty: the first finance user, so the bare page shows something useful.
  const me = users.find((user) => user.id === input.userId || user.name === input.userId) ?? users[0];
  if (me === undefined) return undefined;
  const conversations = [...conversationsOf(world, me.id), HOME_TAB];
  const conversation =
    conversations.find((candidate) => candidate.id === input.conversationId) ?? conversations[0];
  if (conversation === undefined) return undefined;
  const html =
    conversation.kind === 'home' ? homeHtml(world, me.id) : conversationHtml(world, conversation.id, me.id);
  const modal = openModal(world, me.id, input.closedViews);
  return {
    me,
    users,
    conversations,
    conversation: { ...conversation, html },
    modal:
      modal === undefined
        ? null
        : {
            viewId: modal.id,
            key: `${modal.id}/${modal.hash}`,
            html: renderModalHtml(modal.view, world.names),
          },
    stripeHtml: stripePanelHtml(world),
  };
}

/**
 * The Home tab as this person sees it: the view Paydesk last published for them (views.publish),
 * with the same Block Kit rendering as messages. Its buttons are clicked on the view, not a message.
 */
export function homeHtml(world: DemoWorld, userId: string): string {
  const home = world.slack.home(userId);
  if (home === undefined) {
    return '<div class="sb-empty">Paydesk has not published a Home tab for you yet: it does when you open the tab.</div>';
  }
  const blocks = Array.isArray(home.view.blocks) ? home.view.blocks : [];
  return `<div class="sb-home" data-view-id="${escapeHtml(home.id)}">${renderBlocksHtml(blocks, world.names)}</div>`;
}

type Entry =
  | { kind: 'message'; ts: string; message: SimMessage; replies: SimMessage[] }
  | { kind: 'ephemeral'; ts: string; ephemeral: SimEphemeral; index: number };

/** The conversation as this person sees it: messages (thread replies under their parent) and their own ephemerals. */
export function conversationHtml(world: DemoWorld, channelId: string, userId: string): string {
  const messages = world.slack.messages(channelId);
  const entries: Entry[] = [];
  const byTs = new Map<string, Entry & { kind: 'message' }>();
  for (const message of messages) {
    const parent =
      message.threadTs !== undefined && message.threadTs !== message.ts
        ? byTs.get(message.threadTs)
        : undefined;
    if (parent !== undefined) {
      parent.replies.push(message);
      continue;
    }
    const entry = { kind: 'message' as const, ts: message.ts, message, replies: [] };
    byTs.set(message.ts, entry);
    entries.push(entry);
  }
  world.slack.ephemerals().forEach((ephemeral, index) => {
    if (ephemeral.user === userId && ephemeral.channel === channelId) {
      entries.push({ kind: 'ephemeral', ts: ephemeral.messageTs, ephemeral, index });
    }
  });
  entries.sort((a, b) => Number(a.ts) - Number(b.ts));
  if (entries.length === 0) {
    return '<div class="sb-empty">Nothing here yet. Type a slash command below, like <code>/topup 2000 Weekly top-up</code> or <code>/payouts help</code>.</div>';
  }
  return entries
    .map((entry) => {
      if (entry.kind === 'ephemeral') return ephemeralHtml(world, entry.ephemeral, entry.index);
      const replies = entry.replies.map((reply) => messageHtml(world, reply, true)).join('');
      return (
        messageHtml(world, entry.message, false) +
        (replies === '' ? '' : `<div class="sb-thread">${replies}</div>`)
      );
    })
    .join('');
}

function timeOf(ts: string): string {
  const when = new Date(Number(ts) * 1000);
  return Number.isNaN(when.getTime()) ? '' : format(when, 'HH:mm');
}

function bodyHtml(world: DemoWorld, message: { text: string; blocks: readonly unknown[] }): string {
  return message.blocks.length > 0
    ? renderBlocksHtml(message.blocks, world.names)
    : `<div class="sb-block sb-text">${mrkdwnToHtml(message.text, world.names)}</div>`;
}

function messageHtml(world: DemoWorld, message: SimMessage, reply: boolean): string {
  const author = world.slack.user(message.user)?.realName ?? 'Paydesk';
  const edited = message.editCount > 0 ? ' <span class="sb-edited">(edited)</span>' : '';
  const files = (message.files ?? [])
    .map((file) => `<div class="sb-file">📄 ${escapeHtml(file.title || file.name)}</div>`)
    .join('');
  return `<div class="sb-msg${reply ? ' sb-reply' : ''}" data-channel="${escapeHtml(message.channel)}" data-ts="${escapeHtml(message.ts)}">
<div class="sb-avatar">P</div><div class="sb-msg-body">
<div class="sb-msg-meta"><b>${escapeHtml(author)}</b> <span class="sb-app">APP</span> <span class="sb-time">${timeOf(message.ts)}</span>${edited}</div>
${bodyHtml(world, message)}${files}</div></div>`;
}

function ephemeralHtml(world: DemoWorld, ephemeral: SimEphemeral, index: number): string {
  return `<div class="sb-msg sb-ephemeral" data-channel="${escapeHtml(ephemeral.channel)}" data-ts="${escapeHtml(ephemeral.messageTs)}" data-ephemeral-index="${index}">
<div class="sb-avatar">P</div><div class="sb-msg-body">
<div class="sb-msg-meta"><b>Paydesk</b> <span class="sb-app">APP</span> <span class="sb-time">${timeOf(ephemeral.messageTs)}</span> <span class="sb-only-you">Only visible to you</span></div>
${bodyHtml(world, ephemeral)}</div></div>`;
}

/** The Stripe side of the sandbox: simulated time, balance, top-ups, accounts and transfers, with what can be advanced. */
export function stripePanelHtml(world: DemoWorld): string {
  const { stripe, clock } = world;
  const now = clock.now();
  const aheadDays = Math.round(clock.aheadMs / 86_400_000);
  const balance = stripe.getBalance();
  const topups = stripe
    .listTopups()
    .reverse()
    .map((topup) => {
      const expected = topup.expected_availability_date
        ? ` · expected ${format(new Date(topup.expected_availability_date * 1000), 'EEE, MMM d')}`
        : '';
      const buttons =
        topup.status === 'pending'
          ? ` <button type="button" class="sb-btn sb-primary" data-stripe-op="settle" data-id="${escapeHtml(topup.id)}">Settle</button><button type="button" class="sb-btn" data-stripe-op="fail" data-id="${escapeHtml(topup.id)}">Fail</button>`
          : '';
      return `<li data-topup="${escapeHtml(topup.id)}"><code>${escapeHtml(topup.id)}</code> · ${formatCents(topup.amount)} · <span class="sp-status sp-${escapeHtml(topup.status)}">${escapeHtml(topup.status)}</span>${expected}<div class="sp-desc">${escapeHtml(topup.description ?? '')}</div>${buttons}</li>`;
    });
  const writers = new Map<string, string>(Object.values(CAST).map((member) => [member.email, member.name]));
  const accounts = stripe.listAccounts().map((account) => {
    const due = account.requirements?.currently_due ?? [];
    const active = account.capabilities?.transfers === 'active' && due.length === 0;
    const who = writers.get(account.email ?? '') ?? account.email ?? '';
    const button = active
      ? ''
      : ` <button type="button" class="sb-btn sb-primary" data-stripe-op="activate" data-id="${escapeHtml(account.id)}">Make active</button>`;
    return `<li data-account="${escapeHtml(account.id)}"><code>${escapeHtml(account.id)}</code> · ${escapeHtml(who)} · <span class="sp-status sp-${active ? 'active' : 'pending'}">${active ? 'active' : `needs ${escapeHtml(due.join(', ') || 'onboarding')}`}</span> · ${formatCents(stripe.getBalance(account.id).available)}${button}</li>`;
  });
  const transfers = stripe
    .listTransfers()
    .reverse()
    .slice(0, 8)
    .map(
      (transfer) =>
        `<li><code>${escapeHtml(transfer.id)}</code> · ${formatCents(transfer.amount)} → <code>${escapeHtml(String(transfer.destination))}</code>${
          transfer.amount_reversed > 0 ? ` · ${formatCents(transfer.amount_reversed)} reversed` : ''
        }</li>`,
    );
  const list = (items: string[], empty: string) =>
    items.length === 0 ? `<p class="sp-empty">${empty}</p>` : `<ul>${items.join('')}</ul>`;
  return `<div class="sp-clock">Simulated time: <b>${format(now, 'EEE, MMM d, HH:mm')}</b>${
    aheadDays > 0 ? ` (${aheadDays} day${aheadDays === 1 ? '' : 's'} ahead)` : ''
  }</div>
<div class="sp-balance">Platform balance: <b>${formatCents(balance.available)}</b> available · ${formatCents(balance.pending)} pending</div>
<h3>Top-ups</h3>${list(topups, 'None yet. Request one with /topup and approve it.')}
<p class="sp-help">Settle moves the simulated clock to the top-up's expected date and sends <code>topup.succeeded</code>.</p>
<h3>Connected accounts</h3>${list(accounts, 'None yet. Invite a writer with /payouts invite @sam.')}
<h3>Transfers</h3>${list(transfers, 'None yet.')}`;
}
