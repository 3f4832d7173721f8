import { randomBytes } from 'node:crypto';
import { FINANCE_CHANNEL } from '../../support/config';
import { startWorld, type World, WRITER, WRITER_TWO } from '../../support/world';
import { auditEntries, type Browser, browserFor, channelTexts, dmTexts, invite, writerDoc } from './helpers';

const STATE = /^[A-Za-z0-9_-]{43}$/;

describe('writer onboarding, oauth mode: invite → DM → Stripe OAuth → connected', () => {
  let world: World;
  let offsetMs = 0;
  beforeAll(async () => {
    world = await startWorld({
      env: { ONBOARDING_MODE: 'oauth' },
      clock: () => new Date(Date.now() + offsetMs),
    });
  });
  afterAll(() => world.stop());

  /** Clicks the DM link and lets the Stripe (simulator) consent page send the browser back. */
  async function throughStripe(browser: Browser, startUrl: string, extra = '') {
    const start = await browser.get(startUrl);
    expect(start.status).toBe(302);
    const authorize = new URL(start.location ?? '');
    const consent = await browser.get(`${authorize}${extra}`);
    expect(consent.status).toBe(302);
    return { authorize, callbackUrl: consent.location ?? '' };
  }

  async function addWriter(id: string) {
    const writer = { id, name: id.toLowerCase(), email: `${id.toLowerCase()}@example.com` };
    world.slack.addUser({ id, name: writer.name, realName: `Writer ${id}`, email: writer.email });
    return writer;
  }

  async function nothingChangedFor(slackUserId: string, dmCountBefore: number) {
    const writer = await writerDoc(world, slackUserId);
    expect(writer?.status).toBe('invited');
    expect(writer?.stripeAccountId).toBeNull();
    expect(
      await world.app.db.models.stripeAccounts.countDocuments({ writerId: writer?._id.toString() }),
    ).toBe(0);
    expect(dmTexts(world, slackUserId)).toHaveLength(dmCountBefore);
  }

  it('connects a writer end to end: redirect parameters, code exchange, saved account, DM, channel post, audit', async () => {
    const startUrl = await invite(world, WRITER);
    expect(startUrl.startsWith(`${world.app.url}/connect/start/`)).toBe(true);
    const invitation = dmTexts(world, WRITER.id)[0] ?? '';
    expect(invitation).toContain('Connect your Stripe account to get paid');
    expect(invitation).toContain('[Connect with Stripe]');
    expect(invitation).toContain('works for 7 days');

    const browser = browserFor(world);
    const { authorize, callbackUrl } = await throughStripe(browser, startUrl);
    expect(authorize.origin + authorize.pathname).toBe(`${world.stripe.url}/express/oauth/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe('ca_testclient');
    expect(authorize.searchParams.get('state')).toMatch(STATE);
    expect(authorize.searchParams.getAll('suggested_capabilities[]')).toEqual(['transfers']);
    expect(authorize.searchParams.get('stripe_user[email]')).toBe(WRITER.email);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${world.app.url}/connect/oauth`);
    expect(browser.cookie('paydesk_oauth')).toBeDefined();

    // Neither the start token nor the state is stored in the clear.
    const stored = JSON.stringify(await world.app.db.models.onboardingTokens.find().lean());
    expect(stored).not.toContain(startUrl.split('/').pop());
    expect(stored).not.toContain(authorize.searchParams.get('state'));

    // Each click mints a fresh state.
    const again = await browserFor(world).get(startUrl);
    expect(new URL(again.location ?? '').searchParams.get('state')).not.toBe(
      authorize.searchParams.get('state'),
    );

    const callback = new URL(callbackUrl);
    expect(callback.origin + callback.pathname).toBe(`${world.app.url}/connect/oauth`);
    const page = await browser.get(callbackUrl);
    expect(page.status).toBe(200);
    expect(page.body).toContain('You&#39;re connected — you can close this tab');
    await world.drain();

    const [account] = world.stripe.listAccounts();
    expect(account?.id).toMatch(/^acct_/);
    expect(account?.email).toBe(WRITER.email);
    const writer = await writerDoc(world, WRITER.id);
    expect(writer).toMatchObject({ status: 'active', stripeAccountId: account?.id, payoutsEnabled: true });
    expect(
      await world.app.db.models.stripeAccounts.findOne({ stripeAccountId: account?.id }).lean(),
    ).toMatchObject({
      writerId: writer?._id.toString(),
      mode: 'oauth',
    });

    const dms = dmTexts(world, WRITER.id);
    const connected = dms.filter((text) => text.includes("You're connected to Stripe"));
    expect(connected).toEqual([
      `:white_check_mark: You're connected to Stripe (\`${account?.id}\`). You'll get a message here each time you're paid.`,
    ]);
    expect(
      channelTexts(world).some((text) =>
        text.includes(`connected their Stripe account \`${account?.id}\` and can be paid`),
      ),
    ).toBe(true);

    const entries = await auditEntries(world);
    expect(entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['writer.invited', 'writer.connected']),
    );
    const connectedEntry = entries.find((entry) => entry.action === 'writer.connected');
    expect(connectedEntry?.details).toMatchObject({
      stripeAccountId: account?.id,
      mode: 'oauth',
      to: 'active',
    });
    const everything = JSON.stringify(entries);
    expect(everything).not.toContain(callback.searchParams.get('code'));
    expect(everything).not.toContain(callback.searchParams.get('state'));

    // Replaying the used state is refused and changes nothing.
    const postsBefore = world.slack.messages(FINANCE_CHANNEL).length;
    const replay = await browser.get(callbackUrl);
    expect(replay.status).toBe(403);
    expect(replay.body).toContain('expired or was already used');
    await world.drain();
    expect(world.stripe.listAccounts()).toHaveLength(1);
    expect(await world.app.db.models.stripeAccounts.countDocuments()).toBe(1);
    expect(dmTexts(world, WRITER.id)).toHaveLength(dms.length);
    expect(world.slack.messages(FINANCE_CHANNEL)).toHaveLength(postsBefore);
    const rejected = (await auditEntries(world)).filter((entry) => entry.action === 'oauth.state_rejected');
    expect(rejected.at(-1)?.details).toEqual({ reason: 'reused' });

    // Clicking the start link again now says there is nothing to do.
    const already = await browserFor(world).get(startUrl);
    expect(already.status).toBe(200);
    expect(already.body).toContain('already connected');
  });

  it("refuses another writer's state with 403 and leaves it usable by its owner", async () => {
    const mine = await addWriter('UWRITER11');
    const theirs = WRITER_TWO;
    const myBrowser = browserFor(world);
    const theirBrowser = browserFor(world);
    await throughStripe(myBrowser, await invite(world, mine)); // my browser now holds my binding cookie
    const { callbackUrl: theirCallback } = await throughStripe(theirBrowser, await invite(world, theirs));
    const theirDms = dmTexts(world, theirs.id).length;
    const myDms = dmTexts(world, mine.id).length;

    const crossed = await myBrowser.get(theirCallback);
    expect(crossed.status).toBe(403);
    await world.drain();
    await nothingChangedFor(theirs.id, theirDms);
    await nothingChangedFor(mine.id, myDms);
    const rejected = (await auditEntries(world)).filter((entry) => entry.action === 'oauth.state_rejected');
    expect(rejected.at(-1)?.details).toEqual({ reason: 'mismatched' });

    const own = await theirBrowser.get(theirCallback);
    expect(own.status).toBe(200);
    await world.drain();
    expect((await writerDoc(world, theirs.id))?.status).toBe('active');
  });

  it('refuses an expired state (31 minutes later) with 403 and changes nothing', async () => {
    const writer = await addWriter('UWRITER12');
    const browser = browserFor(world);
    const start = await browser.get(await invite(world, writer));
    offsetMs += 31 * 60 * 1000;
    try {
      const consent = await browser.get(start.location ?? '');
      const dms = dmTexts(world, writer.id).length;
      const page = await browser.get(consent.location ?? '');
      expect(page.status).toBe(403);
      await world.drain();
      await nothingChangedFor(writer.id, dms);
      const rejected = (await auditEntries(world)).filter((entry) => entry.action === 'oauth.state_rejected');
      expect(rejected.at(-1)?.details).toEqual({ reason: 'expired' });
    } finally {
      offsetMs -= 31 * 60 * 1000;
    }
  });

  it('refuses a forged state, and a real state without its browser cookie, with 403', async () => {
    const writer = await addWriter('UWRITER13');
    const browser = browserFor(world);
    const { callbackUrl } = await throughStripe(browser, await invite(world, writer));
    const dms = dmTexts(world, writer.id).length;
    const callback = new URL(callbackUrl);

    const forgedUrl = new URL(callback);
    forgedUrl.searchParams.set('state', randomBytes(32).toString('base64url'));
    expect((await browser.get(forgedUrl.toString())).status).toBe(403);
    const garbage = new URL(callback);
    garbage.searchParams.set('state', '<script>alert(1)</script>');
    const garbagePage = await browser.get(garbage.toString());
    expect(garbagePage.status).toBe(403);
    expect(garbagePage.body).not.toContain('<script>');
    const noCookie = await fetch(callbackUrl, { redirect: 'manual' });
    expect(noCookie.status).toBe(403);
    await world.drain();
    await nothingChangedFor(writer.id, dms);
    const reasons = (await auditEntries(world))
      .filter((entry) => entry.action === 'oauth.state_rejected')
      .slice(-3)
      .map((entry) => entry.details.reason);
    expect(reasons).toEqual(['unknown', 'unknown', 'mismatched']);

    // The real state was not burnt by any of that.
    expect((await browser.get(callbackUrl)).status).toBe(200);
  });

  it('lets only one of two simultaneous callbacks with the same state through', async () => {
    const writer = await addWriter('UWRITER17');
    const browser = browserFor(world);
    const { callbackUrl } = await throughStripe(browser, await invite(world, writer));
    const pages = await Promise.all([
      browser.get(callbackUrl),
      browser.get(callbackUrl),
      browser.get(callbackUrl),
    ]);
    expect(pages.map((page) => page.status).sort()).toEqual([200, 403, 403]);
    await world.drain();
    expect(
      dmTexts(world, writer.id).filter((text) => text.includes("You're connected to Stripe")),
    ).toHaveLength(1);
  });

  it('answers invalid_grant with 400 "ask for a new link" and changes nothing', async () => {
    const writer = await addWriter('UWRITER14');
    const browser = browserFor(world);
    const { callbackUrl } = await throughStripe(browser, await invite(world, writer));
    const dms = dmTexts(world, writer.id).length;
    const bad = new URL(callbackUrl);
    bad.searchParams.set('code', 'ac_thiscodewasneverissued');
    const page = await browser.get(bad.toString());
    expect(page.status).toBe(400);
    expect(page.body).toContain('/payouts connect');
    await world.drain();
    await nothingChangedFor(writer.id, dms);
    expect((await auditEntries(world)).at(-1)).toMatchObject({
      action: 'writer.oauth_failed',
      details: { error: 'invalid_grant' },
    });
  });

  it('shows a friendly page when the writer cancels at Stripe (access_denied)', async () => {
    const writer = await addWriter('UWRITER15');
    const browser = browserFor(world);
    const { callbackUrl } = await throughStripe(browser, await invite(world, writer), '&deny=1');
    expect(new URL(callbackUrl).searchParams.get('error')).toBe('access_denied');
    const dms = dmTexts(world, writer.id).length;
    const page = await browser.get(callbackUrl);
    expect(page.status).toBe(200);
    expect(page.body).toContain('You cancelled connecting with Stripe');
    await nothingChangedFor(writer.id, dms);
  });

  it('shows a 500 page without details when Stripe fails the code exchange', async () => {
    const writer = await addWriter('UWRITER16');
    const browser = browserFor(world);
    const { callbackUrl } = await throughStripe(browser, await invite(world, writer));
    const dms = dmTexts(world, writer.id).length;
    world.stripe.failNext(10, '500', { path: /^\/oauth\/token$/ });
    try {
      const page = await browser.get(callbackUrl);
      expect(page.status).toBe(500);
      expect(page.body).toContain('Something went wrong with Stripe');
      expect(page.body).not.toMatch(/api_error|at .*\.ts|sk_test|injected/);
    } finally {
      world.stripe.clearFaults();
    }
    await world.drain();
    await nothingChangedFor(writer.id, dms);
  });
});
