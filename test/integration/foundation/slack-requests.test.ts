import { FINANCE, OUTSIDER } from '../../support/config';
import { startWorld, type World } from '../../support/world';

describe('Slack requests reach the app only when signed by Slack', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.stop());

  it('a correctly signed slash command reaches its listener and answers the person', async () => {
    const result = await world.send.command({ userId: FINANCE.one, command: '/payouts', text: 'help' });
    expect(result.status).toBe(200);
    const answer = await world.slack.waitFor((sim) => sim.ephemerals(FINANCE.one)[0]);
    expect(answer?.text).toContain('/topup');
    expect(answer?.text).toContain('/payouts audit');
  });

  it('shows people outside finance only what they may use', async () => {
    await world.send.command({ userId: OUTSIDER, command: '/payouts', text: 'help' });
    const answer = await world.slack.waitFor((sim) => sim.ephemerals(OUTSIDER)[0]);
    expect(answer?.text).toContain('/payouts connect');
    expect(answer?.text).not.toContain('/topup');
  });

  it.each([
    ['a wrong signing secret', { signWith: 'not-the-signing-secret' }],
    ['a timestamp six minutes old', { timestampOffsetSeconds: -360 }],
    ['a body changed after signing', { tamperAfterSigning: (body: string) => body.replace('help', 'audit') }],
  ])('refuses %s with 401 and runs nothing', async (_label, forge) => {
    const before = world.slack.calls().length;
    const result = await world.send.command(
      { userId: FINANCE.two, command: '/payouts', text: 'help' },
      forge,
    );
    expect(result.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(world.slack.ephemerals(FINANCE.two)).toEqual([]);
    expect(world.slack.calls().length).toBe(before);
  });

  it('refuses a 5 MB body with 413', async () => {
    const body = `command=%2Fpayouts&text=${'a'.repeat(5 * 1024 * 1024)}`;
    const result = await world.send.raw({ body, contentType: 'application/x-www-form-urlencoded' });
    expect(result.status).toBe(413);
  });
});
