import { BINDER_COOKIE } from '../../src/http/connect/cookies';
import { ACTIONS } from '../../src/slack/ids';
import { browserFor, invite } from '../integration/onboarding/helpers';
import { FINANCE, TEST_SECRETS } from '../support/config';
import { click, slash } from '../support/finance';
import { startWorld, type World, WRITER } from '../support/world';

/**
 * The whole story (OAuth onboarding, a settled top-up, a paid transfer) with every log line
 * captured at debug level; then the audit trail and the logs are searched for every secret,
 * token, OAuth state and OAuth code that passed through.
 */
describe('secrets stay out of the audit trail and the logs', () => {
  it('after onboarding, a top-up and a transfer, neither holds a secret key, signing secret, OAuth code or onboarding token', async () => {
    const logs: string[] = [];
    const world: World = await startWorld({
      env: { ONBOARDING_MODE: 'oauth' },
      logTo: { write: (line) => logs.push(line) },
    });
    try {
      const startUrl = await invite(world, WRITER);
      const browser = browserFor(world);
      const start = await browser.get(startUrl);
      const binder = browser.cookie(BINDER_COOKIE);
      const authorize = new URL(start.location ?? '');
      const consent = await browser.get(authorize.toString());
      const callback = new URL(consent.location ?? '');
      expect((await browser.get(callback.toString())).status).toBe(200);
      await world.drain();

      const topupTs = await slash(world, FINANCE.one, '/topup', '2000 Top-up for week of May 31');
      await click(world, FINANCE.two, ACTIONS.approveTopup, topupTs);
      world.stripe.settleTopup(world.stripe.listTopups()[0]?.id as string);
      await world.drain();
      const transferTs = await slash(world, FINANCE.one, '/transfer', `<@${WRITER.id}> 9.00 Answers for May`);
      await click(world, FINANCE.two, ACTIONS.approveTransfer, transferTs);
      expect(world.stripe.listTransfers()).toHaveLength(1);

      const secrets = {
        ...TEST_SECRETS,
        onboardingToken: startUrl.split('/').at(-1) as string,
        oauthState: authorize.searchParams.get('state') as string,
        oauthCode: callback.searchParams.get('code') as string,
        oauthBrowserCookie: binder ?? '',
      };
      for (const [name, value] of Object.entries(secrets))
        expect([name, value.length > 8]).toEqual([name, true]);

      const audit = JSON.stringify(await world.app.db.connection.collection('auditEvents').find().toArray());
      expect(audit.length).toBeGreaterThan(1000);
      const logText = logs.join('');
      expect(logs.length).toBeGreaterThan(10);
      for (const [name, value] of Object.entries(secrets)) {
        expect([name, audit.includes(value)]).toEqual([name, false]);
        expect([name, logText.includes(value)]).toEqual([name, false]);
      }
    } finally {
      await world.stop();
    }
  });
});
