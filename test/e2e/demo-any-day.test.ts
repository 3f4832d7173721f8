import { format } from 'date-fns';
import { type DemoWorld, playStory, startDemoWorld } from '../../sandbox/demo';
import { runDemo } from '../../sandbox/demo/run-demo';
import { addBusinessDays } from '../../src/business-days';
import { createLogger } from '../../src/logger';
import { ENV_MONGODB_URI } from '../support/peers';

function sandbox(startAt?: Date): Promise<DemoWorld> {
  return startDemoWorld({
    mongodbUri: process.env[ENV_MONGODB_URI],
    logger: createLogger({ level: 'silent' }),
    startAt,
  });
}

/** Stripe signs webhooks with a secret the app does not know, so the story fails at step 3. */
function signWebhooksWithAnotherSecret(world: DemoWorld): void {
  world.stripe.setWebhookEndpoint({
    url: `${world.main.paydesk.url}/stripe/webhooks`,
    secret: 'whsec_notthesecret',
    connectSecret: 'whsec_notthesecret',
    maxAttempts: 1,
  });
}

describe('the demo story on any day', () => {
  let world: DemoWorld | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  // [when the story starts, the day the top-up is expected, the day that shows in the transcript]
  const days: [string, string, string][] = [
    ['a Saturday', '2026-11-28T10:00:00Z', 'Fri, Dec 4'],
    ['a Sunday late evening', '2026-11-29T23:30:00Z', 'Fri, Dec 4'],
    ['the day before Thanksgiving', '2026-11-25T15:00:00Z', 'Thu, Dec 3'],
    ['Christmas Eve', '2026-12-24T12:00:00Z', 'Mon, Jan 4'],
    ["New Year's Eve at 22:00 UTC", '2026-12-31T22:00:00Z', 'Fri, Jan 8'],
    ['the Friday before a Saturday holiday', '2026-07-03T12:00:00Z', 'Fri, Jul 10'],
  ];

  it.each(days)(
    'plays on %s (%s): the top-up settles on %s, 5 business days later',
    async (_name, start, expected) => {
      const startAt = new Date(start);
      // The table is written for UTC; elsewhere the calendar still has to agree with itself.
      const expectedDay =
        startAt.getTimezoneOffset() === 0 ? expected : format(addBusinessDays(startAt, 5), 'EEE, MMM d');
      world = await sandbox(startAt);
      const outcome = await playStory(world);
      const text = outcome.transcript.text();
      if (!outcome.ok) throw new Error(`the story failed on ${start}:\n${text}`);
      expect(text).toContain(`available around *${expectedDay}* (5 business days)`);
      expect(text).toContain(`Simulated clock: ${format(startAt, 'EEE, MMM d')} → ${expectedDay}`);
      expect(text).toMatch(/TU-0001 settled\* — \$2,000\.00 is now available \(took 5 business days\)/);
    },
    60_000,
  );

  it('`npm run demo -- --open` reports a failing step and still opens the sandbox', async () => {
    world = await sandbox();
    signWebhooksWithAnotherSecret(world);
    const said: string[] = [];
    const warned: string[] = [];
    const run = await runDemo(
      world,
      { open: true, fresh: false, port: 0 },
      { say: (line) => said.push(line), warn: (line) => warned.push(line) },
    );
    expect(warned.join('\n')).toMatch(/✖ npm run demo failed at step 3: expected Paydesk to accept/);
    if (run.done) throw new Error('the sandbox did not open');
    try {
      expect(run.storyFailed).toBe(true);
      const page = await fetch(`${run.web.url}/sandbox`);
      expect(page.status).toBe(200);
      expect(said.join('\n')).toContain(`The sandbox is running. Open ${run.web.url}/sandbox`);
    } finally {
      await run.web.close();
    }
  });

  it('without --open a failing story ends the demo with exit code 1', async () => {
    world = await sandbox();
    signWebhooksWithAnotherSecret(world);
    const run = await runDemo(
      world,
      { open: false, fresh: false, port: 0 },
      { say: () => {}, warn: () => {} },
    );
    expect(run).toEqual({ done: true, code: 1 });
  });
});
