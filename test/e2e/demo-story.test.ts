import { spawn } from 'node:child_process';
import path from 'node:path';
import { DEMO_SECRETS, type DemoWorld, playStory, startDemoWorld } from '../../sandbox/demo';
import { createLogger } from '../../src/logger';
import { ENV_MONGODB_URI } from '../support/peers';

const ROOT = path.resolve(__dirname, '..', '..');

function sandbox(): Promise<DemoWorld> {
  return startDemoWorld({
    mongodbUri: process.env[ENV_MONGODB_URI],
    logger: createLogger({ level: 'silent' }),
  });
}

describe('the demo story (npm run demo)', () => {
  let world: DemoWorld;
  afterEach(async () => {
    await world?.stop();
  });

  it('plays onboarding (OAuth and Account Link), a settled top-up and a paid writer, and prints it readably', async () => {
    world = await sandbox();
    const outcome = await playStory(world);
    const text = outcome.transcript.text();
    if (!outcome.ok) throw new Error(`the story failed:\n${text}`);
    expect(outcome.steps).toBe(10);

    // Onboarding, hop by hop, with statuses.
    expect(text).toMatch(
      /👤 @fin\.one types in #finance: \/payouts invite @maya\n\s+⇄ POST \[Paydesk\] \/slack\/events → 200/,
    );
    expect(text).toMatch(
      /┌─ DM with @maya · Paydesk · new message\n\s+│ Hi Maya — .*Connect your Stripe account to get paid/,
    );
    expect(text).toMatch(/↳ \[Connect with Stripe\] opens \[Paydesk\] \/connect\/start\/\S+…/);
    expect(text).toMatch(
      /⇄ GET \[Paydesk\] \/connect\/start\/\S+ → 302 {2}Location: \[Stripe\] \/express\/oauth\/authorize\?/,
    );
    expect(text).toMatch(/⇄ GET \[Paydesk\] \/connect\/oauth\?code=\S+ → 200 {2}page: “You're connected/);
    expect(text).toMatch(
      /⇄ GET \[Paydesk\/account_links\] \/connect\/start\/\S+ → 302 {2}Location: \[Stripe\] \/express\/onboarding\//,
    );
    expect(text).toMatch(
      /⇄ GET \[Paydesk\/account_links\] \/connect\/return\?writer=\S+ → 200 {2}page: “You're all set/,
    );
    expect(text).toMatch(
      /#finance · Paydesk · new message\n\s+│ :link: @omar connected their Stripe account `acct_\w+` and can be paid\./,
    );

    // The top-up: requested, refused to its requester, approved, settled five business days later.
    expect(text).toMatch(/│ \*Top-up request TU-0001 · \$2,000\.00\*/);
    expect(text).toMatch(
      /only visible to @fin\.one\n\s+│ You requested TU-0001, so someone else in finance has to approve it\./,
    );
    expect(text).toMatch(
      /message updated in place\n\s+│ \*Top-up TU-0001 · \$2,000\.00 · pending at Stripe\*/,
    );
    expect(text).toMatch(
      /⇄ POST \[Paydesk\] \/stripe\/webhooks → 200 {2}\(Stripe webhook topup\.succeeded, signed\)/,
    );
    expect(text).toMatch(
      /#finance · Paydesk · new message\n\s+│ :moneybag: \*TU-0001 settled\* — \$2,000\.00 is now available \(took 5 business days\)\.\n\s+│ Available balance: \$2,150\.00/,
    );
    expect(text).toContain('💰 Stripe balance of the platform: $2,150.00 available · $0.00 pending');

    // The writer is paid, and told.
    expect(text).toMatch(
      /message updated in place\n\s+│ \*TR-0001 paid\* · \$9\.00 to @maya — memo: Answers for May/,
    );
    expect(text).toMatch(
      /DM with @maya · Paydesk · new message\n\s+│ You were paid \*\$9\.00\* — Answers for May\. It reaches your bank on your Stripe payout schedule\./,
    );
    expect(text).toMatch(/💰 Stripe balance of @maya \(acct_\w+\): \$9\.00 available/);
    expect(text).toMatch(/│ :white_check_mark: \d+ entries, chain intact\./);
    expect(text).toMatch(/✔ The story played as expected: 10 steps/);

    // Test values only, and nothing secret in the transcript.
    for (const secret of Object.values(DEMO_SECRETS)) {
      if (secret.startsWith('ca_')) continue; // the OAuth client id is public: it is in the authorize URL
      expect(text).not.toContain(secret);
    }
  });

  it('fails loudly, naming the step, when something does not behave', async () => {
    world = await sandbox();
    // Stripe signs webhooks with a secret the app does not know: the OAuth step must notice.
    world.stripe.setWebhookEndpoint({
      url: `${world.main.paydesk.url}/stripe/webhooks`,
      secret: 'whsec_notthesecret',
      connectSecret: 'whsec_notthesecret',
      maxAttempts: 1,
    });
    const outcome = await playStory(world);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failedStep).toBe(3);
    expect(outcome.transcript.text()).toMatch(
      /✖ DEMO FAILED at step 3 \(@maya connects through Stripe Connect OAuth \(ONBOARDING_MODE=oauth\)\)\n {2}expected Paydesk to accept the \S+ webhook, got 400/,
    );
  });

  it('`npm run demo` starts everything itself (embedded database included) and exits 0', async () => {
    const child = spawn('npm', ['run', '--silent', 'demo'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`npm run demo exited ${code}\n${stdout}\n${stderr}`);
    expect(stdout).toMatch(/Database: {10}embedded (mongod|mongo-java-server)/);
    expect(stdout).toContain('TU-0001 settled* — $2,000.00 is now available');
    expect(stdout).toContain('You were paid *$9.00* — Answers for May');
    expect(stdout).toMatch(/✔ The story played as expected/);
  }, 120_000);
});
