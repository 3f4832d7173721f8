import { createHash } from 'node:crypto';
import { findActionElement } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { OUTSIDER } from '../../support/config';
import { startWorld, type World, WRITER, WRITER_TWO } from '../../support/world';
import {
  auditEntries,
  browserFor,
  dmMessages,
  dmTexts,
  invite,
  lastConnectUrl,
  payouts,
  writerDoc,
} from './helpers';

describe('/payouts invite, connect, writers and dashboard', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
    world.slack.addUser({ id: 'UBOTWRITER', name: 'some.bot', realName: 'Some Bot', isBot: true });
  });
  afterAll(() => world.stop());

  /** Connects through the account_links flow, as the writer would. */
  async function connect(userId: string) {
    const browser = browserFor(world);
    const start = await browser.get(lastConnectUrl(world, userId));
    const back = await browser.get((await browser.get(start.location ?? '')).location ?? '');
    expect(back.status).toBe(200);
    await world.drain();
  }

  it('refuses /payouts invite from someone outside finance, clearly, and records nothing', async () => {
    const answer = await payouts(world, `invite <@${WRITER.id}|${WRITER.name}>`, OUTSIDER);
    expect(answer).toBe(
      'Only the finance team can do that. Ask in the finance channel if you think you should be.',
    );
    expect(await world.app.db.models.writers.countDocuments()).toBe(0);
    expect(world.slack.calls('conversations.open')).toEqual([]);
    expect(dmTexts(world, WRITER.id)).toEqual([]);
  });

  it('explains what is wrong with a bad reference, an unknown email or a bot, and changes nothing', async () => {
    expect(await payouts(world, 'invite')).toContain("isn't a Slack mention or an email address");
    expect(await payouts(world, 'invite <!channel>')).toContain('`&lt;!channel&gt;` isn');
    expect(await payouts(world, 'invite nobody@example.com')).toContain(
      'nobody in this Slack workspace matches',
    );
    expect(await payouts(world, 'invite <@UBOTWRITER|some.bot>')).toContain('is a bot');
    expect(await world.app.db.models.writers.countDocuments()).toBe(0);
  });

  it('invites by mention and by email (as Slack escapes it), DMing a Connect with Stripe button', async () => {
    const answer = await payouts(world, `invite <@${WRITER.id}|${WRITER.name}>`);
    expect(answer).toContain(`Invited: <@${WRITER.id}> has a DM from Paydesk`);
    const byEmail = await payouts(world, `invite <mailto:${WRITER_TWO.email}|${WRITER_TWO.email}>`);
    expect(byEmail).toContain(`Invited: <@${WRITER_TWO.id}>`);
    expect(world.slack.calls('users.lookupByEmail').at(-1)?.params.email).toBe(WRITER_TWO.email);
    for (const writer of [WRITER, WRITER_TWO]) {
      const [dm] = dmMessages(world, writer.id);
      const button = findActionElement(dm?.blocks ?? [], ACTIONS.connectWithStripe);
      expect(button?.element.url).toMatch(new RegExp(`^${world.app.url}/connect/start/[A-Za-z0-9_-]{43}$`));
      expect(dmTexts(world, writer.id)[0]).toMatch(/^Hi Writer — /);
      expect(await writerDoc(world, writer.id)).toMatchObject({ status: 'invited', email: writer.email });
    }
    // The button is a link; Slack still sends the click, which is acknowledged.
    const click = await world.send.blockAction({
      userId: WRITER.id,
      actionId: ACTIONS.connectWithStripe,
      channelId: world.slack.dmChannelOf(WRITER.id),
      messageTs: dmMessages(world, WRITER.id)[0]?.ts,
    });
    expect(click.status).toBe(200);

    const again = await payouts(world, `invite ${WRITER.email}`);
    expect(again).toContain(`Invited again: <@${WRITER.id}>`);
    expect(await world.app.db.models.writers.countDocuments()).toBe(2);
    expect((await auditEntries(world)).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['writer.invited', 'writer.reinvited']),
    );
  });

  it('/payouts connect sends an invited writer a fresh link; someone not invited is told to ask finance', async () => {
    const before = lastConnectUrl(world, WRITER_TWO.id);
    const answer = await payouts(world, 'connect', WRITER_TWO.id);
    expect(answer).toContain('I sent you a DM with a fresh link');
    expect(lastConnectUrl(world, WRITER_TWO.id)).not.toBe(before);
    expect(dmTexts(world, WRITER_TWO.id).at(-1)).toContain('here is a fresh link');
    // Both links work: the invitation is good for 7 days, not for one click.
    expect((await browserFor(world).get(before)).status).toBe(302);
    expect((await browserFor(world).get(lastConnectUrl(world, WRITER_TWO.id))).status).toBe(302);

    expect(await payouts(world, 'connect', OUTSIDER)).toContain("You haven't been invited");
    expect(await payouts(world, 'dashboard', WRITER.id)).toContain("isn't connected yet");
  });

  it('an invitation link expires after 7 days', async () => {
    const writer = { id: 'UWRITER31', name: 'writer.31' };
    world.slack.addUser({
      id: writer.id,
      name: writer.name,
      realName: 'Writer ThirtyOne',
      email: 'w31@example.com',
    });
    const url = await invite(world, writer);
    const hash = createHash('sha256')
      .update(url.split('/').pop() ?? '')
      .digest('hex');
    await world.app.db.models.onboardingTokens.updateOne(
      { tokenHash: hash },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    const page = await browserFor(world).get(url);
    expect(page.status).toBe(410);
    expect(page.body).toContain('This link has expired');
    expect(page.body).toContain('/payouts connect');
  });

  it('a connected writer: invite says so, /payouts writers shows them, /payouts dashboard DMs a login link', async () => {
    await connect(WRITER.id);
    const writer = await writerDoc(world, WRITER.id);
    expect(writer?.status).toBe('active');

    const answer = await payouts(world, `invite <@${WRITER.id}|${WRITER.name}>`);
    expect(answer).toContain(
      `<@${WRITER.id}> is already connected to Stripe (\`${writer?.stripeAccountId}\`) and can be paid`,
    );
    expect(await payouts(world, 'connect', WRITER.id)).toContain("You're already connected to Stripe");

    const list = await payouts(world, 'writers');
    expect(list).toContain(`<@${WRITER.id}> — *active* · \`${writer?.stripeAccountId}\` · can be paid`);
    expect(list).toContain(`<@${WRITER_TWO.id}> — *onboarding*`);
    expect(list).toContain('Stripe still needs: ');
    expect(list).toMatch(/\(1 active · 1 onboarding · 1 invited\)/);
    expect(await payouts(world, 'writers', OUTSIDER)).toContain('Only the finance team');

    const dashboard = await payouts(world, 'dashboard', WRITER.id);
    expect(dashboard).toContain('I sent you a DM with a link to your Stripe dashboard');
    const dm = dmMessages(world, WRITER.id).at(-1);
    const url = String(findActionElement(dm?.blocks ?? [], ACTIONS.openStripeDashboard)?.element.url);
    expect(url).toMatch(new RegExp(`^${world.stripe.url}/express/login/`));
    const page = await fetch(url);
    expect(await page.text()).toContain(writer?.stripeAccountId);
  });

  it('a writer who disconnected can be invited again and gets a new Express account', async () => {
    const old = await writerDoc(world, WRITER.id);
    world.stripe.deauthorizeAccount(old?.stripeAccountId ?? '');
    await world.drain();
    expect((await writerDoc(world, WRITER.id))?.status).toBe('deauthorized');
    expect(await payouts(world, 'connect', WRITER.id)).toContain('You disconnected Paydesk');

    expect(await payouts(world, `invite <@${WRITER.id}|${WRITER.name}>`)).toContain('Invited again');
    expect(await writerDoc(world, WRITER.id)).toMatchObject({
      status: 'invited',
      stripeAccountId: null,
      accountGeneration: 2,
    });
    await connect(WRITER.id);
    const reconnected = await writerDoc(world, WRITER.id);
    expect(reconnected?.status).toBe('active');
    expect(reconnected?.stripeAccountId).not.toBe(old?.stripeAccountId);
    const keys = world.stripe
      .requestLog()
      .filter((entry) => entry.path === '/v1/accounts')
      .map((entry) => entry.idempotencyKey);
    expect(keys).toContain(`account:${old?._id.toString()}:2`);
    // Finance sees the history in the writer's transitions.
    const transitions = await world.app.db.models.writerTransitions
      .find({ writerId: old?._id.toString() })
      .sort({ rev: 1 })
      .lean();
    expect(transitions.map((row) => row.changes.status).filter(Boolean)).toEqual([
      'onboarding',
      'active',
      'deauthorized',
      'invited',
      'onboarding',
      'active',
    ]);
  });
});
