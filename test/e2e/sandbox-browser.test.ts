import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CAST, type DemoWorld, startDemoWorld } from '../../sandbox/demo';
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
});
