import { FINANCE } from '../../support/config';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

/** `/topup 1 000` once became a $1.00 request described "000": spaced digits are refused, with advice. */
describe('an amount typed with a space in its digits', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
    await seedConnectedWriter(world, WRITER);
  });
  afterAll(() => world.stop());

  const answerTo = async (command: string, text: string) => {
    await world.send.command({ userId: FINANCE.one, command, text });
    await world.drain();
    return world.slack.ephemerals(FINANCE.one).at(-1)?.text ?? '';
  };

  it('/topup refuses it, says how to write it, and stores nothing', async () => {
    const answer = await answerTo('/topup', '1 000 Weekly top-up');
    expect(answer).toContain('`1 000` has a space in it; write it as 1000 or 1,000');
    expect(answer).toContain('Nothing was changed.');
    expect(await world.app.db.models.topups.countDocuments()).toBe(0);
    // Written as advised, it goes through with the description intact.
    await answerTo('/topup', '1,000 Weekly top-up');
    expect(await world.app.db.models.topups.findOne().lean()).toMatchObject({
      amountCents: 100_000,
      description: 'Weekly top-up',
    });
  });

  it('/transfer refuses it the same way', async () => {
    const answer = await answerTo('/transfer', `<@${WRITER.id}> 1 500 May answers`);
    expect(answer).toContain('`1 500` has a space in it; write it as 1500 or 1,500');
    expect(await world.app.db.models.transfers.countDocuments()).toBe(0);
  });

  it('the top-up form says it under the amount field, without backticks or the chat prefix', async () => {
    await world.send.command({ userId: FINANCE.one, command: '/topup', text: '' });
    await world.drain();
    const modal = world.slack.views().at(-1);
    const refused = await world.send.viewSubmission({
      userId: FINANCE.one,
      viewId: modal?.id,
      values: { amount: { amount_input: '2 500' }, description: { description_input: 'Rent' } },
    });
    expect(refused.json).toEqual({
      response_action: 'errors',
      errors: { amount: '“2 500” has a space in it; write it as 2500 or 2,500.' },
    });
    expect(await world.app.db.models.topups.countDocuments()).toBe(1);
  });
});
