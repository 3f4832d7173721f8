import { FINANCE_CHANNEL } from '../../support/config';
import { startWorld, type World, WRITER, WRITER_TWO } from '../../support/world';
import {
  auditEntries,
  browserFor,
  channelTexts,
  dmTexts,
  invite,
  lastConnectUrl,
  writerDoc,
} from './helpers';

const connectedDms = (world: World, userId: string) =>
  dmTexts(world, userId).filter((text) => text.includes("You're connected to Stripe"));

describe('writer onboarding, account_links mode', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ replicas: 2 });
  });
  afterAll(() => world.stop());

  it('invite → start link → Express account → Account Link → return page → active after account.updated', async () => {
    const startUrl = await invite(world, WRITER);
    const browser = browserFor(world);

    const start = await browser.get(startUrl);
    expect(start.status).toBe(302);
    expect(start.location).toMatch(new RegExp(`^${world.stripe.url}/express/onboarding/`));
    const [account] = world.stripe.listAccounts();
    expect(account).toMatchObject({
      type: 'express',
      email: WRITER.email,
      metadata: { slack_user_id: WRITER.id, slack_team_id: world.slack.teamId },
      capabilities: { transfers: 'inactive' },
    });
    const writerId = (await writerDoc(world, WRITER.id))?._id.toString();
    expect(account?.metadata?.paydesk_writer_id).toBe(writerId);
    expect(await writerDoc(world, WRITER.id)).toMatchObject({
      status: 'onboarding',
      stripeAccountId: account?.id,
    });
    const linkRequest = world.stripe.requestLog().find((entry) => entry.path === '/v1/account_links');
    expect(linkRequest?.params).toMatchObject({ account: account?.id, type: 'account_onboarding' });
    const refreshUrl = String(linkRequest?.params.refresh_url);
    const returnUrl = String(linkRequest?.params.return_url);
    expect(refreshUrl).toMatch(new RegExp(`^${world.app.url}/connect/refresh\\?writer=[A-Za-z0-9_-]{43}$`));
    expect(returnUrl).toMatch(new RegExp(`^${world.app.url}/connect/return\\?writer=[A-Za-z0-9_-]{43}$`));
    expect(refreshUrl).not.toContain(writerId);

    // Stripe's hosted onboarding (simulated) completes and sends the writer back.
    const onboarding = await browser.get(start.location ?? '');
    expect(onboarding.location).toBe(returnUrl);
    const back = await browser.get(returnUrl);
    expect(back.status).toBe(200);
    expect(back.body).toContain('You&#39;re all set');
    await world.drain();

    expect(await writerDoc(world, WRITER.id)).toMatchObject({
      status: 'active',
      payoutsEnabled: true,
      requirementsDue: [],
    });
    expect(connectedDms(world, WRITER.id)).toEqual([
      `:white_check_mark: You're connected to Stripe (\`${account?.id}\`). You'll get a message here each time you're paid.`,
    ]);
    expect(
      channelTexts(world).filter((text) =>
        text.includes(`connected their Stripe account \`${account?.id}\``),
      ),
    ).toHaveLength(1);
    const entries = await auditEntries(world);
    expect(entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['writer.invited', 'writer.stripe_account_created', 'writer.connected']),
    );
    expect(entries.find((entry) => entry.action === 'writer.connected')?.details).toMatchObject({
      stripeAccountId: account?.id,
      mode: 'account_links',
      to: 'active',
    });

    // The same event delivered again, and a new event that changes nothing for the writer: no second DM.
    const dmCount = dmTexts(world, WRITER.id).length;
    const postCount = world.slack.messages(FINANCE_CHANNEL).length;
    const updated = world.stripe.events('account.updated').filter((event) => event.account === account?.id);
    await world.stripe.deliver(updated.at(-1)?.id ?? '', { times: 2 });
    await world.app.services.stripe.accounts.update(account?.id ?? '', {
      metadata: { note: 'unrelated change' },
    });
    await world.drain();
    expect(world.stripe.events('account.updated').length).toBeGreaterThan(updated.length);
    expect(dmTexts(world, WRITER.id)).toHaveLength(dmCount);
    expect(world.slack.messages(FINANCE_CHANNEL)).toHaveLength(postCount);
  });

  it('restricted: DM with what Stripe needs and a fresh link; finishing makes them active again; deauthorized alerts finance', async () => {
    const accountId = (await writerDoc(world, WRITER.id))?.stripeAccountId ?? '';
    world.stripe.restrictAccount(accountId, [
      'individual.dob.day',
      'individual.dob.month',
      'external_account',
    ]);
    await world.drain();
    expect(await writerDoc(world, WRITER.id)).toMatchObject({
      status: 'restricted',
      payoutsEnabled: false,
      requirementsDue: ['individual.dob.day', 'individual.dob.month', 'external_account'],
    });
    const restricted = dmTexts(world, WRITER.id).at(-1) ?? '';
    expect(restricted).toContain(
      'Stripe needs a few more details before you can be paid: date of birth, bank account.',
    );
    expect(restricted).toContain('[Finish with Stripe]');
    expect(channelTexts(world).at(-1)).toContain(
      "can't be paid until they give Stripe: date of birth, bank account",
    );
    const accountsBefore = world.stripe.listAccounts().length;

    // The fresh link leads to a new Account Link for the same account (no new account).
    const browser = browserFor(world);
    const start = await browser.get(lastConnectUrl(world, WRITER.id));
    expect(start.status).toBe(302);
    const back = await browser.get((await browser.get(start.location ?? '')).location ?? '');
    expect(back.body).toContain('You&#39;re all set');
    await world.drain();
    expect(world.stripe.listAccounts()).toHaveLength(accountsBefore);
    expect((await writerDoc(world, WRITER.id))?.status).toBe('active');
    expect(dmTexts(world, WRITER.id).at(-1)).toContain('can be paid again');
    expect(dmTexts(world, WRITER.id).filter((text) => text.includes('can be paid again'))).toHaveLength(1);

    // Restricted once more; then Stripe's webhook and four loads of the return page (on both
    // replicas) all see the account active at the same moment: one DM, one channel post.
    world.stripe.restrictAccount(accountId, ['external_account']);
    await world.drain();
    const returnUrl = String(
      world.stripe
        .requestLog()
        .filter((entry) => entry.path === '/v1/account_links')
        .at(-1)?.params.return_url,
    );
    const dmsBefore = dmTexts(world, WRITER.id).length;
    const postsBefore = world.slack.messages(FINANCE_CHANNEL).length;
    world.stripe.activateAccount(accountId);
    const urls = [
      returnUrl,
      returnUrl,
      returnUrl.replace(world.apps[0]?.url ?? '', world.apps[1]?.url ?? ''),
      returnUrl,
    ];
    const pages = await Promise.all(urls.map((url) => browserFor(world).get(url)));
    expect(pages.every((page) => page.status === 200)).toBe(true);
    await world.drain();
    expect(
      dmTexts(world, WRITER.id)
        .slice(dmsBefore)
        .filter((text) => text.includes('can be paid again')),
    ).toHaveLength(1);
    expect(world.slack.messages(FINANCE_CHANNEL).length - postsBefore).toBe(1); // "can be paid again"
    expect((await writerDoc(world, WRITER.id))?.status).toBe('active');

    world.stripe.deauthorizeAccount(accountId);
    await world.drain();
    expect((await writerDoc(world, WRITER.id))?.status).toBe('deauthorized');
    expect(channelTexts(world).at(-1)).toContain(
      `disconnected Paydesk from their Stripe account \`${accountId}\``,
    );
    expect((await auditEntries(world)).at(-1)).toMatchObject({
      action: 'writer.deauthorized',
      details: { stripeAccountId: accountId },
    });
    // Their old link now explains why it no longer works.
    const gone = await browserFor(world).get(lastConnectUrl(world, WRITER.id));
    expect(gone.status).toBe(403);
    expect(gone.body).toContain('You disconnected Paydesk');
  });

  it('two parallel clicks on the same start link (on two replicas) create one Express account', async () => {
    const startUrl = await invite(world, WRITER_TWO);
    const accountsBefore = world.stripe.listAccounts().length;
    const onOtherReplica = startUrl.replace(world.apps[0]?.url ?? '', world.apps[1]?.url ?? '');
    world.stripe.setLatency(300);
    try {
      const [first, second] = await Promise.all([
        browserFor(world).get(startUrl),
        browserFor(world).get(onOtherReplica),
      ]);
      expect(first.status).toBe(302);
      expect(second.status).toBe(302);
      expect(first.location).toMatch(/\/express\/onboarding\//);
      expect(second.location).toMatch(/\/express\/onboarding\//);
    } finally {
      world.stripe.setLatency(0);
    }
    const created = world.stripe.listAccounts().slice(accountsBefore);
    expect(created).toHaveLength(1);
    const writerId = (await writerDoc(world, WRITER_TWO.id))?._id.toString();
    expect(await world.app.db.models.stripeAccounts.find({ writerId }).lean()).toEqual([
      expect.objectContaining({ stripeAccountId: created[0]?.id }),
    ]);
    const keys = world.stripe
      .requestLog()
      .filter((entry) => entry.method === 'POST' && entry.path === '/v1/accounts')
      .map((entry) => entry.idempotencyKey);
    expect(keys.filter((key) => key === `account:${writerId}`).length).toBeGreaterThanOrEqual(2);
    expect(
      (await auditEntries(world)).filter(
        (entry) => entry.action === 'writer.stripe_account_created' && entry.subject.id === writerId,
      ),
    ).toHaveLength(1);
  });

  it('return page before finishing says what Stripe still needs; refresh mints a new Account Link', async () => {
    const writer = { id: 'UWRITER21', name: 'writer.21', email: 'writer21@example.com' };
    world.slack.addUser({
      id: writer.id,
      name: writer.name,
      realName: 'Writer TwentyOne',
      email: writer.email,
    });
    const browser = browserFor(world);
    const start = await browser.get(await invite(world, writer));
    const link = world.stripe
      .requestLog()
      .filter((entry) => entry.path === '/v1/account_links')
      .at(-1);
    const early = await browser.get(String(link?.params.return_url));
    expect(early.status).toBe(200);
    expect(early.body).toContain('Stripe still needs:');
    expect(early.body).toContain('date of birth');
    expect(early.body).toContain('bank account');
    const continueHref = /href="([^"]+)"/.exec(early.body)?.[1]?.replaceAll('&amp;', '&') ?? '';
    expect(continueHref).toMatch(new RegExp(`^${world.app.url}/connect/refresh\\?writer=`));
    expect((await writerDoc(world, writer.id))?.status).toBe('onboarding');
    expect(connectedDms(world, writer.id)).toEqual([]);

    // Use the first Account Link, then follow it again: Stripe sends the browser to refresh_url.
    await browser.get(start.location ?? '');
    const reused = await browser.get(start.location ?? '');
    expect(reused.location).toBe(String(link?.params.refresh_url));
    world.stripe.restrictAccount((await writerDoc(world, writer.id))?.stripeAccountId ?? '', [
      'external_account',
    ]);
    await world.drain();
    const refreshed = await browser.get(String(link?.params.refresh_url));
    expect(refreshed.status).toBe(302);
    expect(refreshed.location).toMatch(/\/express\/onboarding\//);
    expect(refreshed.location).not.toBe(start.location);

    // Tokens are single-purpose: a return token is not a refresh token, and garbage is refused.
    const returnToken = new URL(String(link?.params.return_url)).searchParams.get('writer');
    expect((await browser.get(`${world.app.url}/connect/refresh?writer=${returnToken}`)).status).toBe(403);
    expect((await browser.get(`${world.app.url}/connect/refresh?writer=nope`)).status).toBe(403);
    expect((await browser.get(`${world.app.url}/connect/start/nope`)).status).toBe(403);
  });
});
