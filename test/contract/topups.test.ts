import { stripeMockClient } from './stripe-mock-client';

describe('contract: the top-up calls Paydesk makes are valid for Stripe (stripe-mock)', () => {
  const { gateway } = stripeMockClient();

  it('balance', async () => {
    const balance = await gateway.balance();
    expect(typeof balance.availableCents).toBe('number');
    expect(typeof balance.pendingCents).toBe('number');
  });

  it('topups.create with amount, currency, description, statement descriptor, metadata and an idempotency key', async () => {
    const topup = await gateway.createTopup(
      {
        amountCents: 200000,
        description: 'Top-up for week of May 31',
        statementDescriptor: 'Weekly top-up',
        requestId: '6b06cfc2cc0de2c38654fa05',
        ref: 'TU-0007',
      },
      'topup:6b06cfc2cc0de2c38654fa05',
    );
    expect(topup.object).toBe('topup');
    expect(topup.id).toMatch(/^tu_/);
  });

  it('topups.retrieve and topups.cancel', async () => {
    const retrieved = await gateway.retrieveTopup('tu_123');
    expect(retrieved.object).toBe('topup');
    const canceled = await gateway.cancelTopup('tu_123', 'topup-cancel:6b06cfc2cc0de2c38654fa05');
    expect(canceled.object).toBe('topup');
  });

  it('stripe-mock does refuse a malformed call (the contract check can fail)', async () => {
    const { stripe } = stripeMockClient();
    await expect(
      stripe.topups.create({ amount: 100, currency: 'usd', not_a_stripe_param: 'x' } as never),
    ).rejects.toThrow(/additional properties are not allowed/);
  });
});
