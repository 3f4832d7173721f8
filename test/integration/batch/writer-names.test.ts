import type { PayoutRunHeader } from '../../../src/domain/batch/types';
import { FINANCE } from '../../support/config';
import { startWorld, type World } from '../../support/world';
import { approve, requestRun, type SeededWriter, seedWriters, waitForRun } from './helpers';

/**
 * Writers named the ways people name them in a spreadsheet: mention, user id, email, @handle,
 * display name, full name and Stripe account; an ambiguous name is reported, never guessed.
 */
describe('a CSV naming writers every way people do', () => {
  let world: World;
  let writers: SeededWriter[];
  let run: PayoutRunHeader;
  let full: Awaited<ReturnType<World['app']['services']['batchDeps']['runs']['load']>>;

  const w = (n: number) => writers[n - 1] as SeededWriter;

  beforeAll(async () => {
    world = await startWorld();
    // More than one page of users.list (200 a page).
    writers = await seedWriters(world, 210, 'N');
    world.stripe.setAvailableBalance(10_000_00);
    const rename = (n: number, names: { name: string; displayName: string; realName: string }) =>
      world.slack.addUser({ id: w(n).slackUserId, email: w(n).email, ...names });
    rename(4, { name: 'maya', displayName: 'Maya', realName: 'Maya Lopez' });
    rename(7, { name: 'sam.k', displayName: 'Sam', realName: 'Sam Kline' });
    rename(8, { name: 'sam.r', displayName: 'Sam', realName: 'Sam Reyes' });
    rename(9, { name: 'jo', displayName: 'Jo the Writer', realName: 'Joanna Write' });
    const csv = [
      'writer,amount,memo',
      `<@${w(1).slackUserId}|whatever>,1.01,mention`,
      `${w(2).slackUserId},1.02,user id`,
      `${w(3).email.toUpperCase()},1.03,email`,
      '@maya,1.04,handle',
      'Writer 00005,1.05,full name',
      `${w(6).stripeAccountId},1.06,Stripe account`,
      'Sam,1.07,ambiguous display name',
      '@sam.k,1.08,handle of one Sam',
      '  jo THE   writer ,1.09,display name with other case and spaces',
      '@nobody,1.10,nobody',
      'Out Sider,1.11,in Slack but not a writer',
      `${w(210).email},1.12,last page of users.list`,
    ].join('\n');
    ({ run } = await requestRun(world.app, world, csv));
    full = await world.app.services.batchDeps.runs.load(run.id);
  }, 60_000);
  afterAll(() => world.stop());

  it('resolves mentions, ids, emails, handles, display and full names and Stripe accounts', () => {
    const byLine = new Map(full?.lines.map((line) => [line.line, line.writerSlackUserId]));
    expect(Object.fromEntries(byLine)).toEqual({
      2: w(1).slackUserId,
      3: w(2).slackUserId,
      4: w(3).slackUserId,
      5: w(4).slackUserId,
      6: w(5).slackUserId,
      7: w(6).slackUserId,
      9: w(7).slackUserId,
      10: w(9).slackUserId,
      13: w(210).slackUserId,
    });
  });

  it('reports an ambiguous name with its candidates, and unknown names, without paying them', () => {
    const skipped = new Map(full?.skipped.map((skip) => [skip.line, skip]));
    expect([...skipped.keys()].sort((a, b) => a - b)).toEqual([8, 11, 12]);
    expect(skipped.get(8)?.reason).toBe('ambiguous_writer');
    expect(skipped.get(8)?.detail).toContain(`<@${w(7).slackUserId}> (Sam Kline`);
    expect(skipped.get(8)?.detail).toContain(`<@${w(8).slackUserId}> (Sam Reyes`);
    expect(skipped.get(11)).toMatchObject({ reason: 'unknown_writer' });
    expect(skipped.get(11)?.detail).toContain('nobody in Slack is called `@nobody`');
    expect(skipped.get(12)?.detail).toMatch(/`Out Sider` is <@U\w+>, who isn't a Paydesk writer/);
    expect(run.skippedByReason).toEqual({ ambiguous_writer: 1, unknown_writer: 2 });
  });

  it("read Slack's member list page by page, once, and serves the next run from the cache", async () => {
    const pages = world.slack.calls('users.list');
    expect(pages).toHaveLength(2);
    expect(pages[1]?.params.cursor).toBeTruthy();
    await requestRun(world.app, world, 'writer,amount\n@maya,2.00');
    expect(world.slack.calls('users.list')).toHaveLength(2);
  });

  it('pays the resolved lines', async () => {
    await approve(world, run, FINANCE.two);
    await waitForRun(world.app, run.id, ['completed']);
    const destinations = new Set(world.stripe.listTransfers().map((transfer) => transfer.destination));
    for (const n of [1, 2, 3, 4, 5, 6, 7, 9, 210]) expect(destinations.has(w(n).stripeAccountId)).toBe(true);
    expect(destinations.has(w(8).stripeAccountId)).toBe(false);
    expect(destinations.size).toBe(9);
  });
});
