import { findActionElement, type SimView } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL, OUTSIDER } from '../../support/config';
import { click, requestReversal, slash } from '../../support/finance';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';
import { clickOnHome, dms, homeButton, openHome } from './helpers';

/** A Tuesday in June 2026, noon in New York: the clock every part of this world reads. */
const NOW = new Date('2026-06-16T16:00:00Z');

function modalBlocks(view: SimView | undefined): unknown[] {
  const blocks = (view?.view as { blocks?: unknown[] } | undefined)?.blocks;
  return blocks ?? [];
}

/** Every document of every collection, as one string: where a stored secret would show. */
async function everythingStored(world: World): Promise<string> {
  const db = world.app.db.connection.db;
  if (!db) throw new Error('no database');
  const parts: string[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    parts.push(JSON.stringify(await db.collection(name).find({}).toArray()));
  }
  return parts.join('\n');
}

describe('the writer App Home', () => {
  let world: World;
  let logs: string[];
  beforeEach(async () => {
    logs = [];
    world = await startWorld({ clock: () => NOW, logTo: { write: (line) => void logs.push(line) } });
    world.stripe.setAvailableBalance(100_000);
  });
  afterEach(() => world.stop());

  it('shows their status, payments with the reversed part and this year’s total, from real state', async () => {
    await seedConnectedWriter(world, WRITER);
    const ts = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9 Answers for May`);
    await click(world, FINANCE.two, ACTIONS.approveTransfer, ts);
    await requestReversal(world, FINANCE.one, ts, '4.50', 'Paid twice');
    await click(world, FINANCE.three, ACTIONS.approveReversal, ts);

    const home = await openHome(world, WRITER.id);
    expect(home).toContain('Paydesk · your payments');
    expect(home).toContain("You're connected to Stripe and can be paid.");
    expect(home).toContain('*Total paid in 2026:* $4.50 ($9.00 paid, $4.50 reversed)');
    expect(home).toMatch(/· \*\$9\.00\* · Answers for May · \$4\.50 reversed/);
    expect(home).toContain('[Open my Stripe Express dashboard]');
    expect(home).not.toMatch(/acct_|[a-f0-9]{24}/);
  });

  it('the dashboard button opens a modal with a fresh login link each click; the link is never stored, logged or posted', async () => {
    const writer = await seedConnectedWriter(world, WRITER);
    await openHome(world, WRITER.id);
    const button = homeButton(world, WRITER.id, "You're connected", ACTIONS.homeOpenDashboard);
    const dmsBefore = dms(world, WRITER.id).length;
    await clickOnHome(world, WRITER.id, button, ACTIONS.homeOpenDashboard);
    await clickOnHome(world, WRITER.id, button, ACTIONS.homeOpenDashboard);

    const modals = world.slack
      .views()
      .filter((view) => view.userId === WRITER.id && view.openedWith === 'views.open');
    const links = modals.flatMap((modal) => {
      const url = findActionElement(modalBlocks(modal), ACTIONS.openStripeDashboard)?.element.url;
      return typeof url === 'string' ? [url] : [];
    });
    expect(links).toHaveLength(2);
    expect(new Set(links).size).toBe(2);
    for (const link of links) {
      expect(link).toMatch(new RegExp(`^${world.stripe.url}/express/login/`));
      expect(await (await fetch(link)).text()).toContain(writer.stripeAccountId);
    }

    // Not a message anywhere: the writer's DMs got nothing from these clicks.
    expect(dms(world, WRITER.id)).toHaveLength(dmsBefore);
    expect(logs.length).toBeGreaterThan(0);
    const stored = await everythingStored(world);
    const posted = [
      ...world.slack.messages(FINANCE_CHANNEL),
      ...world.slack.messages(world.slack.dmChannelOf(FINANCE.one)),
      ...dms(world, WRITER.id),
      ...world.slack.ephemerals(),
    ].map((message) => `${message.text} ${JSON.stringify(message.blocks ?? [])}`);
    const home = JSON.stringify(world.slack.home(WRITER.id)?.view);
    for (const link of links) {
      const token = link.split('/').pop() as string;
      expect(stored).not.toContain(token);
      expect(logs.join('')).not.toContain(token);
      expect(posted.join('\n')).not.toContain(token);
      expect(home).not.toContain(token);
    }
  });

  it('before they are connected: status in words, what to do, and no dashboard button', async () => {
    await slash(world, FINANCE.one, '/payouts', `invite <@${WRITER.id}|${WRITER.name}>`);
    const home = await openHome(world, WRITER.id);
    expect(home).toContain("You're invited to get paid through Stripe.");
    expect(home).toContain('/payouts connect');
    expect(home).toContain('No payments yet.');
    expect(home).not.toContain('Open my Stripe Express dashboard');

    // A click anyway (a tab from before a disconnect, say): told why in the modal, no link made.
    await world.send.blockAction({
      userId: WRITER.id,
      actionId: ACTIONS.homeOpenDashboard,
      value: 'dashboard',
      view: world.slack.home(WRITER.id)?.view,
    });
    await world.drain();
    const modal = world.slack.views().at(-1);
    expect(modal?.userId).toBe(WRITER.id);
    expect(JSON.stringify(modalBlocks(modal))).toContain("Your Stripe account isn't connected yet");
    expect(findActionElement(modalBlocks(modal), ACTIONS.openStripeDashboard)).toBeUndefined();
  });
});

describe('everyone else’s App Home', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.stop());

  it('says what Paydesk is and whom to ask, by name', async () => {
    const home = await openHome(world, OUTSIDER);
    expect(home).toContain('# Paydesk');
    expect(home).toContain('Paydesk is how writers get paid.');
    expect(home).toContain('Ask the finance team (@fin.one, @fin.two, @fin.three) or #finance.');
    expect(home).not.toContain('[');
  });

  it('opening the Messages tab publishes nothing', async () => {
    expect(await openHome(world, OUTSIDER, 'messages')).toBe('');
    expect(world.slack.calls('views.publish')).toHaveLength(0);
  });

  it('the simulator refuses a Home view over 100 blocks, as Slack does', async () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    const answer = await fetch(`${world.slack.apiUrl}views.publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.slack.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: OUTSIDER, view: { type: 'home', blocks } }),
    });
    const result = (await answer.json()) as {
      ok: boolean;
      error: string;
      response_metadata: { messages: string[] };
    };
    expect(result).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(result.response_metadata.messages).toContain(
      '[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]',
    );
    expect(world.slack.home(OUTSIDER)).toBeUndefined();
  });
});
