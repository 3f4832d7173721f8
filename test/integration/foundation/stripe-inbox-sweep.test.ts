import { KEEP_EVENT_BODIES_MS, stripeInbox } from '../../../src/domain/webhooks/inbox';
import { startWorld, type World } from '../../support/world';

const DAY = 24 * 3600_000;

describe('the webhook inbox does not keep every body forever', () => {
  let world: World;
  afterEach(() => world.stop());

  it('drops bodies of events processed more than 30 days ago, hourly at most; the rows still deduplicate', async () => {
    world = await startWorld();
    const services = world.app.services;
    // The replica's own inbox sweeps once as it starts, on today's clock: let it finish before
    // rows dated by this test's clock exist, or it would take their bodies first.
    await services.background.drain();
    let wallNow = new Date('2026-03-02T12:00:00Z');
    const events = world.app.db.models.stripeEvents;
    const row = (id: string, processedAt: Date | null) => ({
      eventId: id,
      type: 'topup.succeeded',
      account: null,
      livemode: false,
      payload: JSON.stringify({ id, object: 'event' }),
      signedFor: ['platform'],
      receivedAt: new Date(wallNow.getTime() - 40 * DAY),
      processedAt,
      claimedUntil: new Date(0),
      attempts: 1,
      lastError: null,
    });
    await events.insertMany([
      row('evt_old_processed', new Date(wallNow.getTime() - KEEP_EVENT_BODIES_MS - DAY)),
      row('evt_recent_processed', new Date(wallNow.getTime() - 5 * DAY)),
    ]);
    const inbox = stripeInbox({
      stripeEvents: services.stripeEvents,
      handlers: services.stripeEventHandlers,
      clock: () => wallNow,
      logger: services.logger,
      crash: services.crash,
      run: (name, task) => services.background.runNow(name, task),
      concurrency: 1,
      claimMs: 60_000,
      wallClock: () => wallNow,
    });
    const bodies = async () =>
      Object.fromEntries(
        (await events.find({}, { eventId: 1, payload: 1 }).lean()).map((e) => [
          e.eventId,
          e.payload !== undefined,
        ]),
      );

    inbox.kick();
    await services.background.drain();
    expect(await bodies()).toEqual({ evt_old_processed: false, evt_recent_processed: true });

    // 26 days on, the recent one was processed 31 days ago: its body goes at the next sweep.
    wallNow = new Date(wallNow.getTime() + 26 * DAY);
    inbox.kick();
    await services.background.drain();
    expect(await bodies()).toEqual({ evt_old_processed: false, evt_recent_processed: false });

    // Half an hour after a sweep, no sweep runs (a body put back stays).
    await events.updateOne({ eventId: 'evt_recent_processed' }, { $set: { payload: '{}' } });
    wallNow = new Date(wallNow.getTime() + 30 * 60_000);
    inbox.kick();
    await services.background.drain();
    expect((await bodies()).evt_recent_processed).toBe(true);
    inbox.stop();

    // A redelivery of an event whose body was dropped is still a duplicate, not processed again.
    expect(
      await services.stripeEvents.store(
        { id: 'evt_old_processed', type: 'topup.succeeded', livemode: false } as never,
        '{}',
        ['platform'],
        new Date(),
      ),
    ).toBe('duplicate');
  });
});
