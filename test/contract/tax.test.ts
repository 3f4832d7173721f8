import { stripeTaxGateway } from '../../src/stripe/tax-gateway';
import { stripeMockClient } from './stripe-mock-client';

describe('contract: the tax cross-check’s Stripe call is valid for Stripe (stripe-mock)', () => {
  const { stripe } = stripeMockClient();

  it('transfers.list by destination and created range, paged', async () => {
    // stripe-mock answers a fixed list; the call's shape (destination, created[gte|lt], limit) is what is checked.
    const found = await stripeTaxGateway(stripe).transfersTo('acct_1032D82eZvKYlo2C', {
      from: new Date('2026-01-01T05:00:00Z'),
      to: new Date('2027-01-01T05:00:00Z'),
    });
    expect(Array.isArray(found)).toBe(true);
    for (const transfer of found) expect(transfer.id).toMatch(/^tr_/);
  });
});
