import { format } from 'date-fns';
import { businessDaysBetween } from '../../src/business-days';
import { formatCents } from '../../src/domain/money';
import { TOPUP_BUSINESS_DAYS } from '../../src/domain/settlement';
import { ACTIONS } from '../../src/slack/ids';
import { renderMessageText, type SimMessage } from '../slack';
import { HopBrowser } from './browser';
import { CAST, FINANCE_CHANNEL } from './cast';
import { expect, findText } from './check';
import { lastButtonUrl } from './slack-feed';
import type { StoryKit } from './story-kit';
import { OPENING_BALANCE_CENTS } from './world';

/** What one step learns and a later step needs. */
export type StoryState = {
  mayaAccountId?: string;
  omarAccountId?: string;
  topupMessage?: SimMessage;
  topupRef?: string;
  stripeTopupId?: string;
  transferMessage?: SimMessage;
};

export type StoryStep = { title: string; run(kit: StoryKit, state: StoryState): Promise<void> };

const mention = (person: { id: string; name: string }) => `<@${person.id}|${person.name}>`;

function textOf(kit: StoryKit, message: SimMessage | undefined): string {
  return message === undefined ? '' : renderMessageText(message, kit.world.names);
}

function latest(kit: StoryKit, message: SimMessage): SimMessage {
  return kit.world.slack.message(message.channel, message.ts) ?? message;
}

async function writerStatus(
  kit: StoryKit,
  slackUserId: string,
): Promise<{ status?: string; stripeAccountId?: string | null }> {
  const writer = await kit.world.main.db.models.writers.findOne({ slackUserId }).lean();
  return { status: writer?.status, stripeAccountId: writer?.stripeAccountId };
}

export const STORY: StoryStep[] = [
  {
    title: 'Paydesk starts against the sandbox (same startPaydesk as production; only the URLs differ)',
    async run(kit) {
      const { world, transcript } = kit;
      transcript.note(`Database:          ${world.database}`);
      transcript.note(`Slack simulator:   ${world.slack.url} (Web API, signed requests to the app)`);
      transcript.note(
        `Stripe simulator:  ${world.stripe.url} (API, Connect OAuth, hosted onboarding, webhooks)`,
      );
      for (const app of world.apps) {
        transcript.note(`${app.label}: ${app.paydesk.url} with ONBOARDING_MODE=${app.mode}`);
      }
      transcript.note(
        `Workspace: #${FINANCE_CHANNEL.name}; finance @${CAST.finOne.name} and @${CAST.finTwo.name}; writers @${CAST.maya.name} and @${CAST.omar.name}`,
      );
      for (const app of world.apps) {
        for (const path of ['/healthz', '/readyz']) {
          const response = await fetch(`${app.paydesk.url}${path}`);
          transcript.http('GET', `${app.paydesk.url}${path}`, response.status);
          expect(response.status === 200, `${path} to answer 200, got ${response.status}`);
        }
      }
      const opening = kit.balances();
      expect(
        opening.available === OPENING_BALANCE_CENTS,
        `an opening balance of ${formatCents(OPENING_BALANCE_CENTS)}`,
      );
      transcript.check('both deployments are up and reach the database');
    },
  },
  {
    title: 'Finance invites a writer: @maya gets a DM with her link',
    async run(kit) {
      await kit.command(CAST.finOne, '/payouts', `invite ${mention(CAST.maya)}`);
      findText(
        [kit.lastEphemeral(CAST.finOne)],
        /Invited: @maya has a DM/,
        '“Invited: @maya has a DM …” for fin.one',
      );
      const invitation = findText(
        kit.dmMessages(CAST.maya).map((message) => textOf(kit, message)),
        /Connect your Stripe account to get paid/,
        'an invitation in the DM with @maya',
      );
      expect(
        invitation.includes('[Connect with Stripe]'),
        'a [Connect with Stripe] button in the invitation',
      );
      const url = lastButtonUrl(kit.dmMessages(CAST.maya), ACTIONS.connectWithStripe);
      expect(
        url?.startsWith(`${kit.world.main.paydesk.url}/connect/start/`),
        'the button to open /connect/start/<token>',
      );
      kit.transcript.check('the invitation DM carries a single-writer link to /connect/start');
    },
  },
  {
    title: '@maya connects through Stripe Connect OAuth (ONBOARDING_MODE=oauth)',
    async run(kit, state) {
      const { world, transcript } = kit;
      const browser = new HopBrowser();
      const startUrl = lastButtonUrl(kit.dmMessages(CAST.maya), ACTIONS.connectWithStripe) ?? '';
      kit.transcript.person('@maya', 'clicks [Connect with Stripe] in her DM; her browser goes:');
      const start = await kit.visit(browser, startUrl, 302);
      const authorize = new URL(start.location ?? '');
      expect(
        `${authorize.origin}${authorize.pathname}` === `${world.stripe.url}/express/oauth/authorize`,
        "a redirect to Stripe's Express OAuth page",
        start.location,
      );
      expect(
        authorize.searchParams.get('redirect_uri') === `${world.main.paydesk.url}/connect/oauth`,
        'redirect_uri=/connect/oauth',
      );
      const consent = await kit.visit(browser, start.location ?? '', 302);
      transcript.note(
        "(Stripe's consent page: Maya signs up for Express and Stripe sends her back with a code)",
      );
      expect(
        consent.location?.startsWith(`${world.main.paydesk.url}/connect/oauth?`),
        'a redirect back to /connect/oauth',
      );
      const page = await kit.visit(browser, consent.location ?? '', 200);
      expect(/connected/i.test(page.title ?? ''), 'the “You’re connected” page', page.title);
      await kit.settle();
      const writer = await writerStatus(kit, CAST.maya.id);
      expect(writer.status === 'active', `@maya to be active, she is ${writer.status}`);
      state.mayaAccountId = writer.stripeAccountId ?? undefined;
      findText(
        kit.dmMessages(CAST.maya).map((message) => textOf(kit, message)),
        new RegExp(`You're connected to Stripe \\(\`${state.mayaAccountId}\`\\)`),
        '“You’re connected to Stripe (acct_…)” in the DM with @maya',
      );
      findText(
        kit.financeMessages().map((message) => textOf(kit, message)),
        /@maya connected their Stripe account `acct_\w+` and can be paid/,
        'a “@maya connected … and can be paid” post in #finance',
      );
      transcript.check(`@maya is active with ${state.mayaAccountId}; she and finance were told`);
    },
  },
  {
    title: '@omar connects through an Account Link (ONBOARDING_MODE=account_links)',
    async run(kit, state) {
      const { world, transcript } = kit;
      transcript.note(
        "A second Paydesk deployment on the same database uses Stripe's current flow for new platforms:\nit creates the Express account and sends the writer to a fresh, single-use Account Link.",
      );
      await kit.command(CAST.finOne, '/payouts', `invite ${mention(CAST.omar)}`, { app: world.accountLinks });
      findText([kit.lastEphemeral(CAST.finOne)], /Invited: @omar has a DM/, '“Invited: @omar has a DM …”');
      const startUrl = lastButtonUrl(kit.dmMessages(CAST.omar), ACTIONS.connectWithStripe) ?? '';
      expect(
        startUrl.startsWith(`${world.accountLinks.paydesk.url}/connect/start/`),
        'a /connect/start link for @omar',
      );
      const browser = new HopBrowser();
      transcript.person('@omar', 'clicks [Connect with Stripe] in his DM; his browser goes:');
      const start = await kit.visit(browser, startUrl, 302);
      expect(
        start.location?.startsWith(`${world.stripe.url}/express/onboarding/`),
        "a redirect to Stripe's hosted onboarding",
      );
      const onboarding = await kit.visit(browser, start.location ?? '', 302);
      transcript.note(
        '(Stripe-hosted onboarding: Omar fills in his details and Stripe sends him to return_url)',
      );
      expect(
        onboarding.location?.startsWith(`${world.accountLinks.paydesk.url}/connect/return?`),
        'a redirect to /connect/return',
      );
      const page = await kit.visit(browser, onboarding.location ?? '', 200);
      expect(/all set/i.test(page.title ?? ''), 'the “You’re all set” page', page.title);
      await kit.settle();
      const writer = await writerStatus(kit, CAST.omar.id);
      expect(writer.status === 'active', `@omar to be active, he is ${writer.status}`);
      state.omarAccountId = writer.stripeAccountId ?? undefined;
      findText(
        kit.dmMessages(CAST.omar).map((message) => textOf(kit, message)),
        /You're connected to Stripe|ready to be paid/,
        'a “connected” DM to @omar',
      );
      transcript.check(`@omar is active with ${state.omarAccountId} through an Account Link`);
    },
  },
  {
    title: '@fin.one requests a top-up of $2,000.00',
    async run(kit, state) {
      const before = kit.financeMessages().length;
      await kit.command(CAST.finOne, '/topup', '2000 Top-up for week of May 31');
      const confirmation = findText(
        [kit.lastEphemeral(CAST.finOne)],
        /Requested (TU-\d{4}): a top-up of \$2,000\.00/,
        '“Requested TU-…: a top-up of $2,000.00” for fin.one',
      );
      state.topupRef = /TU-\d{4}/.exec(confirmation)?.[0];
      const messages = kit.financeMessages();
      expect(messages.length > before, 'a request message in #finance');
      const request = messages.at(-1) as SimMessage;
      const text = textOf(kit, request);
      expect(
        text.includes('$2,000.00') && text.includes('Top-up for week of May 31'),
        'the amount and description on the request',
        text,
      );
      expect(text.includes('Balance now: $150.00 available'), 'the balance on the request', text);
      expect(text.includes('[Approve]') && text.includes('[Reject]'), '[Approve] and [Reject] buttons', text);
      state.topupMessage = request;
      kit.balances();
      kit.transcript.check(`${state.topupRef} waits in #finance for someone else in finance`);
    },
  },
  {
    title: 'Four eyes: @fin.one cannot approve her own request; @fin.two approves',
    async run(kit, state) {
      const request = state.topupMessage as SimMessage;
      await kit.click(CAST.finOne, request, ACTIONS.approveTopup, 'Approve');
      findText(
        [kit.lastEphemeral(CAST.finOne)],
        /someone else in finance has to approve it/,
        'the four-eyes refusal for fin.one',
      );
      expect(kit.world.stripe.listTopups().length === 0, 'no top-up at Stripe after the refused click');
      await kit.click(CAST.finTwo, latest(kit, request), ACTIONS.approveTopup, 'Approve');
      const topups = kit.world.stripe.listTopups();
      expect(topups.length === 1, `exactly one top-up at Stripe, found ${topups.length}`);
      const topup = topups[0];
      expect(topup?.amount === 200_000 && topup.status === 'pending', 'a pending $2,000.00 top-up at Stripe');
      state.stripeTopupId = topup.id;
      const text = textOf(kit, latest(kit, request));
      expect(
        text.includes('pending at Stripe') && text.includes(topup.id),
        'the request message to say “pending at Stripe” with the top-up id',
        text,
      );
      expect(!text.includes('[Approve]'), 'the Approve button to be gone', text);
      kit.balances();
      kit.transcript.check(`one Stripe top-up ${topup.id}, pending; the message was updated in place`);
    },
  },
  {
    title: 'Five business days later the top-up settles at Stripe (simulated clock)',
    async run(kit, state) {
      const { world, transcript } = kit;
      const topup = world.stripe.listTopups().find((candidate) => candidate.id === state.stripeTopupId);
      expect(topup?.expected_availability_date, 'an expected availability date on the top-up');
      const from = world.clock.now();
      // Exactly Stripe's date: a minute more could cross midnight into another business day.
      world.clock.advanceTo(new Date(topup.expected_availability_date * 1000));
      const counted = businessDaysBetween(new Date(topup.created * 1000), world.clock.now());
      expect(
        counted === TOPUP_BUSINESS_DAYS,
        `Stripe's expected date to be ${TOPUP_BUSINESS_DAYS} Fed business days after the top-up, the calendar counts ${counted}`,
      );
      transcript.note(
        `Simulated clock: ${format(from, 'EEE, MMM d')} → ${format(world.clock.now(), 'EEE, MMM d')} (Stripe's expected availability date)`,
      );
      world.stripe.settleTopup(topup.id);
      transcript.note(`Stripe (simulator) marks ${topup.id} succeeded and sends topup.succeeded:`);
      await kit.settle();
      const alert = findText(
        kit.financeMessages().map((message) => textOf(kit, message)),
        /TU-\d{4} settled.*\$2,000\.00 is now available/s,
        `a “${state.topupRef} settled” alert in #finance`,
      );
      expect(
        alert.includes('Available balance: $2,150.00'),
        'the new available balance, $2,150.00, in the alert',
        alert,
      );
      expect(
        alert.includes(`took ${counted} business days`),
        `“took ${counted} business days” in the alert`,
        alert,
      );
      const request = textOf(kit, latest(kit, state.topupMessage as SimMessage));
      expect(!request.includes('[Cancel top-up]'), 'no Cancel button once it settled', request);
      const balance = kit.balances();
      expect(balance.available === 215_000 && balance.pending === 0, 'the balance to be $2,150.00 available');
      transcript.check(`${state.topupRef} settled: $2,000.00 is available and finance was told`);
    },
  },
  {
    title: '@fin.one asks to pay @maya $9.00',
    async run(kit, state) {
      const before = kit.financeMessages().length;
      await kit.command(CAST.finOne, '/transfer', `${mention(CAST.maya)} $9.00 Answers for May`);
      const messages = kit.financeMessages();
      expect(messages.length > before, 'a transfer request in #finance', kit.lastEphemeral(CAST.finOne));
      const request = messages.at(-1) as SimMessage;
      const text = textOf(kit, request);
      expect(
        /Transfer request TR-\d{4} · \$9\.00 to @maya/.test(text),
        '“Transfer request TR-… · $9.00 to @maya”',
        text,
      );
      expect(text.includes(state.mayaAccountId ?? 'acct_'), "Maya's Stripe account on the request", text);
      expect(text.includes('[Approve]'), 'an [Approve] button', text);
      state.transferMessage = request;
      kit.transcript.check('the transfer request waits for approval');
    },
  },
  {
    title: '@fin.two approves: Stripe transfers $9.00 and @maya is told',
    async run(kit, state) {
      const { world, transcript } = kit;
      const request = state.transferMessage as SimMessage;
      await kit.click(CAST.finTwo, request, ACTIONS.approveTransfer, 'Approve');
      const transfers = world.stripe.listTransfers();
      expect(transfers.length === 1, `exactly one Stripe transfer, found ${transfers.length}`);
      const transfer = transfers[0];
      expect(
        transfer?.amount === 900 && transfer.destination === state.mayaAccountId,
        "a $9.00 transfer to Maya's account",
      );
      const text = textOf(kit, latest(kit, request));
      expect(
        /TR-\d{4} paid/.test(text) && text.includes(transfer.id),
        '“TR-… paid” with the transfer id',
        text,
      );
      findText(
        kit.dmMessages(CAST.maya).map((message) => textOf(kit, message)),
        /You were paid \*?\$9\.00\*? — Answers for May/,
        '“You were paid $9.00 — Answers for May” in the DM with @maya',
      );
      const platform = kit.balances();
      const writer = kit.balances(`Stripe balance of @maya (${state.mayaAccountId})`, state.mayaAccountId);
      expect(platform.available === 214_100, 'the platform balance to be $2,141.00');
      expect(writer.available === 900, "Maya's account to hold $9.00");
      transcript.check(`@maya was paid $9.00 (${transfer.id}) and told in her DM`);
    },
  },
  {
    title: '@fin.two checks the books: /payouts balance and /payouts audit verify',
    async run(kit) {
      await kit.command(CAST.finTwo, '/payouts', 'balance');
      findText(
        [kit.lastEphemeral(CAST.finTwo)],
        /\$2,141\.00 available/,
        'the balance answer with $2,141.00 available',
      );
      await kit.command(CAST.finTwo, '/payouts', 'audit verify');
      const verified = findText(
        [kit.lastEphemeral(CAST.finTwo)],
        /(\d+) entries, chain intact/,
        '“N entries, chain intact” from /payouts audit verify',
      );
      kit.transcript.check(`the audit trail verifies: ${/\d+ entries, chain intact/.exec(verified)?.[0]}`);
    },
  },
];
