import { findActionElement, renderMessageText, type SimMessage } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { startWorld, type World, WRITER, WRITER_TWO } from '../../support/world';
import { browserFor, dmMessages, invite, payouts, writerDoc } from './helpers';

const invitations = (world: World, userId: string): SimMessage[] =>
  dmMessages(world, userId).filter((message) => message.text.includes('Connect your Stripe account'));

const hasConnectButton = (message: SimMessage | undefined): boolean =>
  findActionElement(message?.blocks ?? [], ACTIONS.connectWithStripe) !== undefined;

describe('the invitation DM once the writer is connected', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.stop());

  it('says "Connected ✓" in place of the Connect with Stripe button, in every invitation they got', async () => {
    await invite(world, WRITER);
    // Invited twice (finance asked again before they clicked): two DMs, each with a button.
    const startUrl = await invite(world, WRITER);
    await invite(world, WRITER_TWO);
    const sent = invitations(world, WRITER.id);
    expect(sent).toHaveLength(2);
    expect(sent.every(hasConnectButton)).toBe(true);

    const browser = browserFor(world);
    const start = await browser.get(startUrl);
    const back = await browser.get((await browser.get(start.location ?? '')).location ?? '');
    expect(back.status).toBe(200);
    await world.drain();
    expect((await writerDoc(world, WRITER.id))?.status).toBe('active');

    const channel = world.slack.dmChannelOf(WRITER.id);
    for (const dm of sent) {
      const now = world.slack.message(channel, dm.ts);
      expect(hasConnectButton(now)).toBe(false);
      expect(renderMessageText(now ?? {})).toContain('Connected ✓');
      expect(JSON.stringify(now)).not.toContain('/connect/start/');
      // Edited in place, not a new message.
      expect(world.slack.messageHistory(channel, dm.ts).at(-1)?.via).toBe('chat.update');
    }
    // The writer who has not connected yet keeps their button.
    expect(invitations(world, WRITER_TWO.id).every(hasConnectButton)).toBe(true);
  });

  it('a link asked for with /payouts connect is marked connected too once the writer is ready', async () => {
    const accountId = (await writerDoc(world, WRITER.id))?.stripeAccountId ?? '';
    world.stripe.restrictAccount(accountId, ['external_account']);
    await world.drain();
    await payouts(world, 'connect', WRITER.id);
    const fresh = dmMessages(world, WRITER.id).at(-1);
    expect(hasConnectButton(fresh)).toBe(true);

    world.stripe.activateAccount(accountId);
    await world.drain();
    const now = world.slack.message(world.slack.dmChannelOf(WRITER.id), fresh?.ts ?? '');
    expect(hasConnectButton(now)).toBe(false);
    expect(renderMessageText(now ?? {})).toContain('Connected ✓');
  });
});
