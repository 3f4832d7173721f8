import { stripeMockClient } from './stripe-mock-client';

describe('contract: the transfer calls Paydesk makes are valid for Stripe (stripe-mock)', () => {
  const { gateway } = stripeMockClient();

  it('transfers.create with amount, currency, destination, transfer_group, description, metadata and a key', async () => {
    const transfer = await gateway.createTransfer(
      {
        amountCents: 900,
        destination: 'acct_1032D82eZvKYlo2C',
        transferGroup: '6b06cfc2cc0de2c38654fa05',
        description: 'Answers for May',
        requestId: '6b06cfc2cc0de2c38654fa05',
        ref: 'TR-0042',
      },
      'transfer:6b06cfc2cc0de2c38654fa05',
    );
    expect(transfer.object).toBe('transfer');
  });

  it('transfers.retrieve and transfers.list by transfer_group', async () => {
    expect((await gateway.retrieveTransfer('tr_123')).object).toBe('transfer');
    // stripe-mock answers a fixed list; the call's shape (transfer_group, limit, paging) is what is checked.
    await expect(
      gateway.findTransferByRequestId('6b06cfc2cc0de2c38654fa05', '6b06cfc2cc0de2c38654fa05'),
    ).resolves.toBeUndefined();
  });

  it('transfers.createReversal with amount, description, metadata and a key', async () => {
    const reversal = await gateway.createReversal(
      'tr_123',
      { amountCents: 400, reason: 'Duplicate payment' },
      'reversal:tr_123:1',
    );
    expect(reversal.object).toBe('transfer_reversal');
  });

  it('transfers.listReversals (the lookup of a reversal after the idempotency window)', async () => {
    // stripe-mock answers with a fixture whose metadata is not ours: the call's shape is what counts.
    expect(await gateway.findReversal('tr_123', 'reversal:6b06cfc2cc0de2c38654fa05:1')).toBeUndefined();
  });

  it('topups.list by amount (the reconciler’s lookup after the idempotency window)', async () => {
    expect(await gateway.findTopupByRequestId('6b06cfc2cc0de2c38654fa05', 200000)).toBeUndefined();
  });
});
