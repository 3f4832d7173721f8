import { stripeMockClient } from './stripe-mock-client';

/** Every Stripe API call writer onboarding makes (OAuth's token exchange excepted: stripe-mock has no OAuth). */
describe('contract: the onboarding calls Paydesk makes are valid for Stripe (stripe-mock)', () => {
  const { gateway, stripe } = stripeMockClient();

  it('accounts.create: Express, transfers requested, email, Slack ids in metadata, idempotency key', async () => {
    const account = await gateway.createExpressAccount(
      {
        writerId: '6b06cfc2cc0de2c38654fa05',
        email: 'writer@example.com',
        slackTeamId: 'T0SANDBOX',
        slackUserId: 'UWRITER01',
      },
      'account:6b06cfc2cc0de2c38654fa05',
    );
    expect(account.object).toBe('account');
    expect(account.id).toMatch(/^acct_/);
  });

  it('accounts.create without an email (a Slack profile may not show one)', async () => {
    const account = await gateway.createExpressAccount(
      {
        writerId: '6b06cfc2cc0de2c38654fa06',
        email: null,
        slackTeamId: 'T0SANDBOX',
        slackUserId: 'UWRITER02',
      },
      'account:6b06cfc2cc0de2c38654fa06:2',
    );
    expect(account.object).toBe('account');
  });

  it('accountLinks.create: account_onboarding with refresh_url and return_url', async () => {
    const link = await gateway.createAccountLink({
      account: 'acct_123',
      refreshUrl: 'https://paydesk.example/connect/refresh?writer=abc',
      returnUrl: 'https://paydesk.example/connect/return?writer=def',
    });
    expect(link.object).toBe('account_link');
    expect(typeof link.url).toBe('string');
  });

  it('accounts.retrieve', async () => {
    const account = await gateway.retrieveAccount('acct_123');
    expect(account.object).toBe('account');
  });

  it('accounts.createLoginLink', async () => {
    const link = await gateway.createLoginLink('acct_123');
    expect(link.object).toBe('login_link');
    expect(typeof link.url).toBe('string');
  });

  it('stripe-mock does refuse a malformed onboarding call (the contract check can fail)', async () => {
    await expect(
      stripe.accountLinks.create({ account: 'acct_123', type: 'not_a_link_type' } as never),
    ).rejects.toThrow();
  });
});
