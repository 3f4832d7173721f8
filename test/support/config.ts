import { type Config, loadConfig } from '../../src/config';

export const TEST_SECRETS = {
  slackBotToken: 'xoxb-test-token',
  slackSigningSecret: 'test-signing-secret-0123456789',
  stripeSecretKey: 'sk_test_paydesk123',
  stripeWebhookSecret: 'whsec_platformtestsecret',
  stripeConnectWebhookSecret: 'whsec_connecttestsecret',
  auditHmacKey: 'test-audit-hmac-key-0123456789abcdef0123456789',
};

export const FINANCE = { one: 'UFIN0001', two: 'UFIN0002', three: 'UFIN0003' };
export const OUTSIDER = 'UOUT0001';
export const FINANCE_CHANNEL = 'CFINANCE1';

export function testEnv(
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    SLACK_BOT_TOKEN: TEST_SECRETS.slackBotToken,
    SLACK_SIGNING_SECRET: TEST_SECRETS.slackSigningSecret,
    SLACK_BOT_USER_ID: 'UBOT0001',
    STRIPE_SECRET_KEY: TEST_SECRETS.stripeSecretKey,
    STRIPE_CLIENT_ID: 'ca_testclient',
    STRIPE_WEBHOOK_SECRET: TEST_SECRETS.stripeWebhookSecret,
    STRIPE_CONNECT_WEBHOOK_SECRET: TEST_SECRETS.stripeConnectWebhookSecret,
    AUDIT_HMAC_KEY: TEST_SECRETS.auditHmacKey,
    PUBLIC_URL: 'http://127.0.0.1:3000',
    FINANCE_CHANNEL_ID: FINANCE_CHANNEL,
    FINANCE_USER_IDS: `${FINANCE.one},${FINANCE.two},${FINANCE.three}`,
    LOG_LEVEL: 'silent',
    // Tests run reconcile passes themselves, when they mean to.
    RECONCILE_INTERVAL_SECONDS: '0',
    ...overrides,
  };
}

export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig(testEnv(overrides));
}
