import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { startWorld } from '../../support/world';

describe('a burst of requests', () => {
  it('300 concurrent /topup commands are all filed, each with its own reference, and each requester told', async () => {
    const world = await startWorld();
    try {
      const answers = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          world.send.command({ userId: FINANCE.one, command: '/topup', text: `${i + 1} burst` }),
        ),
      );
      await world.drain();
      expect(answers.every((answer) => answer.status === 200)).toBe(true);
      const refs = (await world.app.db.models.topups.find().lean()).map((topup) => topup.ref);
      expect(new Set(refs).size).toBe(300);
      expect(world.slack.messages(FINANCE_CHANNEL)).toHaveLength(300);
      const told = world.slack.ephemerals(FINANCE.one).map((answer) => answer.text);
      expect(told.filter((text) => text.startsWith('Requested TU-'))).toHaveLength(300);
    } finally {
      await world.stop();
    }
  }, 60_000);
});
