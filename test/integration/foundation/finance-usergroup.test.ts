import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { startWorld, type World } from '../../support/world';

describe('finance as a Slack user group', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({
      env: { FINANCE_USER_IDS: '', FINANCE_USERGROUP_ID: 'SFINANCE1' },
      usergroups: { SFINANCE1: [FINANCE.one, FINANCE.two] },
    });
  });
  afterAll(() => world.stop());

  it('lets members request and approve, and refuses people outside the group at click time', async () => {
    await world.send.command({ userId: FINANCE.one, command: '/topup', text: '100 via group' });
    await world.drain();
    const ts = world.slack.messages(FINANCE_CHANNEL).at(-1)?.ts as string;
    await world.send.blockAction({
      userId: FINANCE.three,
      actionId: ACTIONS.approveTopup,
      channelId: FINANCE_CHANNEL,
      messageTs: ts,
    });
    await world.drain();
    expect(world.slack.ephemerals(FINANCE.three).at(-1)?.text).toContain('Only the finance team');
    await world.send.blockAction({
      userId: FINANCE.two,
      actionId: ACTIONS.approveTopup,
      channelId: FINANCE_CHANNEL,
      messageTs: ts,
    });
    await world.drain();
    expect(world.stripe.listTopups()).toHaveLength(1);
    expect(world.slack.calls('usergroups.users.list').length).toBeGreaterThan(0);
  });
});
