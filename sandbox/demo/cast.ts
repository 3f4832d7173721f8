import type { SimChannel, SimUser } from '../slack';

/**
 * Who is in the sandbox workspace and the obvious test credentials the demo runs with. None of
 * these is a secret: they only open the local simulators.
 */
export const DEMO_SECRETS = {
  slackBotToken: 'xoxb-sandbox-demo-token',
  slackSigningSecret: 'sandbox-signing-secret-demo',
  stripeSecretKey: 'sk_test_sandboxdemo',
  stripeClientId: 'ca_sandboxdemo',
  stripeWebhookSecret: 'whsec_sandboxplatform',
  stripeConnectWebhookSecret: 'whsec_sandboxconnect',
} as const;

export const FINANCE_CHANNEL: SimChannel = { id: 'C0FINANCE', name: 'finance' };

export const CAST = {
  finOne: { id: 'U0FINONE', name: 'fin.one', realName: 'Fiona Finance', email: 'fin.one@example.com' },
  finTwo: { id: 'U0FINTWO', name: 'fin.two', realName: 'Frank Finance', email: 'fin.two@example.com' },
  maya: { id: 'U0MAYA', name: 'maya', realName: 'Maya Writer', email: 'maya@example.com' },
  omar: { id: 'U0OMAR', name: 'omar', realName: 'Omar Writer', email: 'omar@example.com' },
  sam: { id: 'U0SAM', name: 'sam', realName: 'Sam Writer', email: 'sam@example.com' },
  outsider: { id: 'U0OUTSIDER', name: 'outsider', realName: 'Olive Outsider', email: 'outsider@example.com' },
} as const satisfies Record<string, SimUser & { email: string }>;

export type CastMember = (typeof CAST)[keyof typeof CAST];

/** Finance may request and approve; the writers are paid; the outsider may do neither. */
export const FINANCE_USERS: CastMember[] = [CAST.finOne, CAST.finTwo];

/** What the user switcher of the web view offers, with the role shown next to each name. */
export const ROLES: Record<string, string> = {
  [CAST.finOne.id]: 'finance',
  [CAST.finTwo.id]: 'finance',
  [CAST.maya.id]: 'writer',
  [CAST.omar.id]: 'writer',
  [CAST.sam.id]: 'writer, not invited yet',
  [CAST.outsider.id]: 'not in finance',
};

/**
 * The app's environment in the sandbox: the same variables production reads, pointing at the
 * simulators. Only URLs, ports and the onboarding mode differ between the two deployments.
 */
export function demoEnv(input: {
  /** Generated for each demo run (both deployments share one database, so one key). */
  auditHmacKey: string;
  slackApiUrl: string;
  slackTeamId: string;
  slackBotUserId: string;
  stripeUrl: string;
  port: number;
  onboardingMode: 'oauth' | 'account_links';
}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: DEMO_SECRETS.slackBotToken,
    SLACK_SIGNING_SECRET: DEMO_SECRETS.slackSigningSecret,
    SLACK_API_URL: input.slackApiUrl,
    SLACK_TEAM_ID: input.slackTeamId,
    SLACK_BOT_USER_ID: input.slackBotUserId,
    STRIPE_SECRET_KEY: DEMO_SECRETS.stripeSecretKey,
    STRIPE_CLIENT_ID: DEMO_SECRETS.stripeClientId,
    STRIPE_WEBHOOK_SECRET: DEMO_SECRETS.stripeWebhookSecret,
    STRIPE_CONNECT_WEBHOOK_SECRET: DEMO_SECRETS.stripeConnectWebhookSecret,
    AUDIT_HMAC_KEY: input.auditHmacKey,
    STRIPE_API_BASE: input.stripeUrl,
    ONBOARDING_MODE: input.onboardingMode,
    PUBLIC_URL: `http://127.0.0.1:${input.port}`,
    PORT: String(input.port),
    FINANCE_CHANNEL_ID: FINANCE_CHANNEL.id,
    FINANCE_USER_IDS: FINANCE_USERS.map((user) => user.id).join(','),
    LOG_LEVEL: 'error',
  };
}
