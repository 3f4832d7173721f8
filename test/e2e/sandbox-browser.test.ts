import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CAST, type DemoWorld, FINANCE_CHANNEL, startDemoWorld } from '../../sandbox/demo';
import { type SandboxWeb, startSandboxWeb } from '../../sandbox/demo/web/server';
import { createLogger } from '../../src/logger';
import { ENV_MONGODB_URI, testChromium } from '../support/peers';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const OUTPUT = path.resolve(__dirname, '..', '..', 'test-output');
/** A Tuesday, so the story never depends on the day the test runs. */
const START_AT = new Date('2026-03-03T15:00:00Z');

describe('the sandbox web view in Chromium (npm run demo -- --open)', () => {
  let world: DemoWorld;
  let web: SandboxWeb;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    world = await startDemoWorld({
      mongodbUri: process.env[ENV_MONGODB_URI],
      logger: createLogger({ level: 'silent' }),
      startAt: START_AT,
    });
    web = await startSandboxWeb(world, { port: 0 });
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'paydesk-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: testChromium(),
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    // A step that never comes fails naming what it waited for, well before the test's own timeout.
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) pageErrors.push(`${response.status()} ${response.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await web?.close();
    await world?.stop();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  const message = (text: string | RegExp) => page.locator('#messages .sb-msg', { hasText: text });

  async function switchTo(user: { id: string; name: string }) {
    await page.click(`#users [data-user="${user.id}"]`);
    await page.locator('#conv-header', { hasText: `as ${user.name}` }).waitFor();
  }

  async function type(command: string) {
    await page.fill('#composer-input', command);
    await page.press('#composer-input', 'Enter');
  }

  it('runs a top-up from the command to the settled alert by clicking, and saves a screenshot', async () => {
    await page.goto(`http://127.0.0.1:${web.port}/sandbox?as=${CAST.finOne.name}`);
    await page.locator('#conv-header', { hasText: `# finance` }).waitFor();
    await page.locator('#conv-header', { hasText: 'as fin.one' }).waitFor();

    await type('/topup 2000 Top-up for week of May 31');
    const request = message('Top-up request TU-0001');
    await request.waitFor();
    await expect(request.textContent()).resolves.toMatch(/Balance now: \$150\.00 available/);
    await message('Only visible to you').filter({ hasText: 'Requested TU-0001' }).waitFor();

    await switchTo(CAST.finTwo);
    // fin.two does not see fin.one's ephemeral confirmation.
    await expect(message('Requested TU-0001: a top-up').count()).resolves.toBe(0);
    await request.getByRole('button', { name: 'Approve' }).click();
    await message('pending at Stripe').waitFor();
    await expect(request.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
    const [topup] = world.stripe.listTopups();
    expect(topup).toMatchObject({ amount: 200_000, status: 'pending' });

    const stripeTopup = page.locator(`#stripe-body [data-topup="${topup?.id}"]`);
    await stripeTopup.getByRole('button', { name: 'Settle' }).click();
    await stripeTopup.locator('.sp-succeeded').waitFor();
    const alert = message('TU-0001 settled');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(
      /TU-0001 settled — \$2,000\.00 is now available \(took 5 business days\)/,
    );
    await expect(alert.textContent()).resolves.toContain('Available balance: $2,150.00');
    await expect(page.locator('#stripe-body').textContent()).resolves.toContain(
      'Platform balance: $2,150.00 available',
    );
    expect(world.stripe.listTopups()[0]?.status).toBe('succeeded');

    mkdirSync(OUTPUT, { recursive: true });
    const screenshot = path.join(OUTPUT, 'sandbox-topup-settled.png');
    await page.screenshot({ path: screenshot });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    expect(pageErrors).toEqual([]);
  });

  it('opens /topup without arguments as a modal, shows its validation error, and submits it', async () => {
    await switchTo(CAST.finOne);
    await type('/topup');
    const modal = page.locator('#modal .sb-modal');
    await modal.waitFor();
    await expect(modal.locator('.sb-modal-title').textContent()).resolves.toBe('Request a top-up');

    await modal.locator('input[name="amount/amount_input"]').fill('-5');
    await modal.getByRole('button', { name: 'Request' }).click();
    await modal.locator('[data-error-for="amount"]', { hasText: /./ }).waitFor();

    await modal.locator('input[name="amount/amount_input"]').fill('$1,250.50');
    await modal.locator('input[name="description/description_input"]').fill('Modal <b>top-up</b> & more');
    await modal.getByRole('button', { name: 'Request' }).click();
    await page.locator('#modal-backdrop').waitFor({ state: 'hidden' });
    const request = message('Top-up request TU-0002');
    await request.waitFor();
    // Typed text is shown as text, never as markup.
    await expect(request.textContent()).resolves.toContain('Modal <b>top-up</b> & more');
    await expect(request.locator('b', { hasText: 'top-up' }).count()).resolves.toBe(1); // the title only

    await switchTo(CAST.outsider);
    await request.getByRole('button', { name: 'Approve' }).click();
    await message('Only the finance team can approve payouts').waitFor();
    expect(world.stripe.listTopups()).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });

  it("onboards a writer from the page: invite, the DM's link button, Stripe's OAuth page, connected", async () => {
    await switchTo(CAST.finOne);
    await type('/payouts invite @sam');
    await message('Invited: @sam has a DM').waitFor();

    await switchTo(CAST.sam);
    await page.click('#conversations [data-conversation^="D"]');
    const invitation = message('Connect your Stripe account to get paid');
    await invitation.waitFor();
    // A URL button opens its page in a new tab, as Slack does: /connect/start → Stripe → /connect/oauth.
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      invitation.getByRole('link', { name: 'Connect with Stripe' }).click(),
    ]);
    await tab.locator('h1', { hasText: "You're connected" }).waitFor();
    await tab.close();

    await message("You're connected to Stripe").waitFor();
    const [account] = world.stripe.listAccounts();
    expect(account?.email).toBe(CAST.sam.email);
    await page.locator(`#stripe-body [data-account="${account?.id}"] .sp-active`).waitFor();
    const writer = await world.main.db.models.writers.findOne({ slackUserId: CAST.sam.id }).lean();
    expect(writer?.status).toBe('active');
    expect(pageErrors).toEqual([]);
  });

  it('shows each person their App Home: finance approves from it through the confirm dialog, a writer sees their status, an outsider what Paydesk is', async () => {
    const home = page.locator('#messages .sb-home');
    /** The buttons under the Home's line about `ref` (each waiting request: a section, then its actions). */
    const buttonsOf = (ref: string) =>
      home
        .locator('.sb-section', { hasText: ref })
        .locator('xpath=following-sibling::div[contains(@class, "sb-actions")][1]');
    const topupByRef = async (ref: string) =>
      world.main.db.models.topups.findOne({ ref }).lean() as Promise<{
        status: string;
        approvals: unknown[];
      } | null>;

    // Above DUAL_APPROVAL_ABOVE_CENTS: two approvals, and Approve asks first.
    await switchTo(CAST.finOne);
    await type('/topup 12000 Quarter-end top-up');
    const big = message('Top-up request TU-0003');
    await big.waitFor();

    await switchTo(CAST.finTwo);
    await page.click('#conversations [data-conversation="home"]');
    await page.locator('#conv-header', { hasText: 'Paydesk (Home tab)' }).waitFor();
    await home.locator('.sb-header', { hasText: 'Paydesk · finance' }).waitFor();
    await home.locator('.sb-header', { hasText: 'Waiting for you (2)' }).waitFor();
    // The Home tab has no message box, as in Slack.
    await expect(page.locator('#composer').isHidden()).resolves.toBe(true);
    await expect(home.textContent()).resolves.toContain('$1,250.50 top-up');

    const dialog = page.locator('#confirm .sb-confirm');
    await buttonsOf('TU-0003').getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor();
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'sandbox-home-confirm.png') });
    await expect(dialog.locator('.sb-modal-title').textContent()).resolves.toBe('Approve $12,000.00 top-up?');
    await expect(dialog.textContent()).resolves.toContain('TU-0003: $12,000.00 from the bank account');
    // "Not now": the click never reaches Paydesk.
    await dialog.getByRole('button', { name: 'Not now' }).click();
    await page.locator('#status', { hasText: 'Cancelled: nothing was sent to Paydesk' }).waitFor();
    await expect(dialog.count()).resolves.toBe(0);
    await expect(topupByRef('TU-0003')).resolves.toMatchObject({ status: 'requested', approvals: [] });

    await buttonsOf('TU-0003').getByRole('button', { name: 'Approve' }).click();
    await dialog.getByRole('button', { name: 'Approve $12,000.00' }).click();
    // Published again after the click: it no longer waits for fin.two.
    await home.locator('.sb-header', { hasText: 'Waiting for you (1)' }).waitFor();
    await expect(buttonsOf('TU-0003').count()).resolves.toBe(0);
    await expect(topupByRef('TU-0003')).resolves.toMatchObject({ status: 'requested' });
    expect((await topupByRef('TU-0003'))?.approvals).toHaveLength(1);

    // No confirm below the threshold: one click approves, and Stripe has the top-up.
    await buttonsOf('TU-0002').getByRole('button', { name: 'Approve' }).click();
    await home.locator('.sb-header', { hasText: 'Waiting for you (0)' }).waitFor();
    await expect(home.textContent()).resolves.toContain('Nothing is waiting for your approval.');
    await home
      .locator('.sb-section', { hasText: 'TU-0002 · $1,250.50 top-up · pending at Stripe' })
      .waitFor();
    expect(world.stripe.listTopups().map((topup) => topup.amount)).toEqual([200_000, 125_050]);

    // The channel's messages were updated in place by the clicks made on Home.
    await page.click(`#conversations [data-conversation="${FINANCE_CHANNEL.id}"]`);
    await page.locator('#composer').waitFor({ state: 'visible' });
    await message('Top-up TU-0002').filter({ hasText: 'pending at Stripe' }).waitFor();
    await expect(message('Top-up TU-0002').textContent()).resolves.toContain('Approved by @fin.two');
    await expect(message('TU-0002').getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
    await expect(big.textContent()).resolves.toMatch(/Approved by @fin\.two [^·]+ · waiting for one more/);

    // A writer (sam, connected in the test before): their status and their dashboard button.
    await page.click('#conversations [data-conversation="home"]');
    await home.locator('.sb-header', { hasText: 'Paydesk · finance' }).waitFor();
    await switchTo(CAST.sam);
    await home.locator('.sb-header', { hasText: 'Paydesk · your payments' }).waitFor();
    await expect(home.textContent()).resolves.toContain("You're connected to Stripe and can be paid.");
    await expect(home.textContent()).resolves.toContain('No payments yet.');
    await home.getByRole('button', { name: 'Open my Stripe Express dashboard' }).click();
    // A modal, not a message: the single-use link is never left in a conversation.
    const dashboard = page.locator('#modal .sb-modal');
    await dashboard
      .getByText('Your Stripe Express dashboard: payouts, bank account and tax details.')
      .waitFor();
    await expect(
      dashboard.getByRole('link', { name: 'Open my Stripe Express dashboard' }).getAttribute('href'),
    ).resolves.toMatch(/\/express\/login\//);
    await dashboard.getByRole('button', { name: 'Close' }).click();
    await page.locator('#modal-backdrop').waitFor({ state: 'hidden' });

    // Anyone else: what Paydesk is and whom to ask.
    await page.click('#conversations [data-conversation="home"]');
    await switchTo(CAST.outsider);
    await home.locator('.sb-header', { hasText: 'Paydesk' }).waitFor();
    await home.getByText('Paydesk is how writers get paid.').waitFor();
    await expect(home.textContent()).resolves.toMatch(
      /Questions\? Ask the finance team \(@fin\.one, @fin\.two\) or #finance/,
    );
    await expect(home.getByRole('button').count()).resolves.toBe(0);

    await page.screenshot({ path: path.join(OUTPUT, 'sandbox-app-home.png') });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
