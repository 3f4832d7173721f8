import type Stripe from 'stripe';
import type { TaxStripe } from '../domain/tax/ports';
import { taxDetailsOf } from '../domain/tax/tax-details';

/**
 * The tax cross-check's Stripe read: transfers to one connected account created in a range, every
 * page (stripe-node's auto-pagination), 100 at a time. Beside gateway.ts because only the tax
 * reconciler pass uses it; the contract test sends it to stripe-mock like every other call.
 */
export function stripeTaxGateway(stripe: Stripe): TaxStripe {
  return {
    async transfersTo(destination, range) {
      const created = {
        gte: Math.floor(range.from.getTime() / 1000),
        lt: Math.ceil(range.to.getTime() / 1000),
      };
      const found = [];
      for await (const transfer of stripe.transfers.list({ destination, created, limit: 100 })) {
        found.push({
          id: transfer.id,
          amountCents: transfer.amount,
          amountReversedCents: transfer.amount_reversed,
          created: new Date(transfer.created * 1000),
        });
      }
      return found;
    },
    async taxDetailsOf(accountId) {
      return taxDetailsOf(await stripe.accounts.retrieve(accountId));
    },
  };
}
