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
    const alone = await answerTo('/topup', '1 000');
    expect(alone).toContain('`1 000` has a space in it; write it as 1000 or 1,000');
    expect(alone).toContain('Nothing was changed.');
    // With a description after it, it reads two ways: both are said, neither is guessed.
    const answer = await answerTo('/topup', '1 000 Weekly top-up');
    expect(answer).toContain(
      '`1 000` has a space in it, so it reads two ways: for $1,000 write 1000 or 1,000; for $1 with "000 Weekly top-up" after it, write 1.00 000 Weekly top-up',
    );
    expect(answer).toContain('Nothing was changed.');
    expect(await world.app.db.models.topups.countDocuments()).toBe(0);
    // Written as advised, it goes through with the description intact.
    await answerTo('/topup', '1,000 Weekly top-up');
    expect(await world.app.db.models.topups.findOne().lean()).toMatchObject({
      amountCents: 100_000,
      description: 'Weekly top-up',
    });
  });

  it('/transfer refuses it the same way, and "1 500 words" is never advised into $1,500 alone', async () => {
    const answer = await answerTo('/transfer', `<@${WRITER.id}> 1 500 words`);
    expect(answer).toContain(
      'for $1,500 write 1500 or 1,500; for $1 with "500 words" after it, write 1.00 500 words',
    );
    expect(await world.app.db.models.transfers.countDocuments()).toBe(0);
    // The second reading, written as advised: $1.00 with the memo "500 words".
    await answerTo('/transfer', `<@${WRITER.id}> 1.00 500 words`);
    expect(await world.app.db.models.transfers.findOne().lean()).toMatchObject({
      amountCents: 100,
      memo: '500 words',
    });
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
