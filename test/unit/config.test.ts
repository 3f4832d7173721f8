import { ConfigError, loadConfig } from '../../src/config';
import { testEnv } from '../support/config';

function problemsOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('names every problem at once and never prints a secret value', () => {
    const malformedKey = 'pk_live_NOTASECRETKEY12345';
    const message = problemsOf(
      testEnv({ SLACK_SIGNING_SECRET: undefined, STRIPE_SECRET_KEY: malformedKey, PORT: 'eighty' }),
    );
    expect(message).toContain('SLACK_SIGNING_SECRET is required');
    expect(message).toContain('STRIPE_SECRET_KEY must be a Stripe secret key');
    expect(message).toContain('PORT must be a positive whole number');
    expect(message).not.toContain(malformedKey);
    expect(message).not.toContain('NOTASECRETKEY');
  });

  it('does not echo a bad webhook secret or bot token either', () => {
    const message = problemsOf(
      testEnv({ STRIPE_WEBHOOK_SECRET: 'hunter2-secret', SLACK_BOT_TOKEN: 'xoxq-leaky-value' }),
    );
    expect(message).toContain('STRIPE_WEBHOOK_SECRET');
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('leaky');
  });

  it('parses amount settings as integer cents and refuses dollars with decimals', () => {
    const config = loadConfig(testEnv({ DUAL_APPROVAL_ABOVE_CENTS: '1000000', MAX_TRANSFER_CENTS: '50000' }));
    expect(config.policy.dualApprovalAboveCents).toBe(1_000_000);
    expect(config.policy.maxTransferCents).toBe(50_000);
    expect(problemsOf(testEnv({ MAX_TRANSFER_CENTS: '500.50' }))).toContain(
      'MAX_TRANSFER_CENTS must be a whole number of cents',
    );
  });

  it('requires somebody in finance and a client id in oauth mode', () => {
    const message = problemsOf(
      testEnv({ FINANCE_USER_IDS: '', ONBOARDING_MODE: 'oauth', STRIPE_CLIENT_ID: undefined }),
    );
    expect(message).toContain('FINANCE_USER_IDS');
    expect(message).toContain('STRIPE_CLIENT_ID is required when ONBOARDING_MODE is oauth');
  });

  it('accepts a user group instead of a user list, and the simulator base URLs', () => {
    const config = loadConfig(
      testEnv({
        FINANCE_USER_IDS: undefined,
        FINANCE_USERGROUP_ID: 'SFINANCE',
        SLACK_API_URL: 'http://127.0.0.1:4000/api',
        STRIPE_API_BASE: 'http://127.0.0.1:12111/',
      }),
    );
    expect(config.finance.usergroupId).toBe('SFINANCE');
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:4000/api/');
    expect(config.stripe.apiBase).toBe('http://127.0.0.1:12111');
    expect(config.onboardingMode).toBe('account_links');
  });

  it('waits 15 s for a primary by default (an election takes ~12 s) and refuses nonsense timeouts', () => {
    expect(loadConfig(testEnv()).mongodbServerSelectionTimeoutMs).toBe(15_000);
    expect(
      loadConfig(testEnv({ MONGODB_SERVER_SELECTION_TIMEOUT_MS: '30000' })).mongodbServerSelectionTimeoutMs,
    ).toBe(30_000);
    for (const bad of ['15s', '-1', '0', '999', '120001', '1.5']) {
      expect(problemsOf(testEnv({ MONGODB_SERVER_SELECTION_TIMEOUT_MS: bad }))).toContain(
        'MONGODB_SERVER_SELECTION_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 120000',
      );
    }
  });

  it('refuses the crash switch in production', () => {
    expect(problemsOf(testEnv({ PAYDESK_CRASH_AT: 'mid-webhook', NODE_ENV: 'production' }))).toContain(
      'PAYDESK_CRASH_AT is a test switch',
    );
  });
});
