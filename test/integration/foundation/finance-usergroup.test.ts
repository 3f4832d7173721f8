import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE } from '../../support/config';
import { click, slash } from '../../support/finance';
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
    const ts = await slash(world, FINANCE.one, '/topup', '100 via group');
    await click(world, FINANCE.three, ACTIONS.approveTopup, ts);
    expect(world.slack.ephemerals(FINANCE.three).at(-1)?.text).toContain('Only the finance team');
    await click(world, FINANCE.two, ACTIONS.approveTopup, ts);
    expect(world.stripe.listTopups()).toHaveLength(1);
    expect(world.slack.calls('usergroups.users.list').length).toBeGreaterThan(0);
  });
});
