import type Stripe from 'stripe';

export type BalanceSummary = {
  availableCents: number;
  pendingCents: number;
  byCurrency: { currency: string; availableCents: number; pendingCents: number; sourceTypes: Record<string, number> }[];
};

/**
 * Every Stripe call Paydesk makes, in one place, so the contract tests can send each of them
 * to stripe-mock. Money-moving calls require the idempotency key stored with the request.
 */
export function stripeGateway(stripe: Stripe) {
  return {
    async balance(): Promise<BalanceSummary> {
      const balance = await stripe.balance.retrieve();
      const currencies = new Map<string, BalanceSummary['byCurrency'][number]>();
      const entry = (currency: string) => {
        const existing = currencies.get(currency);
        if (existing) return existing;
        const created = { currency, availableCents: 0, pendingCents: 0, sourceTypes: {} as Record<string, number> };
        currencies.set(currency, created);
        return created;
      };
      for (const funds of balance.available) {
        const row = entry(funds.currency);
        row.availableCents += funds.amount;
        for (const [source, amount] of Object.entries(funds.source_types ?? {})) {
          row.sourceTypes[`available_${source}`] = (row.sourceTypes[`available_${source}`] ?? 0) + (amount ?? 0);
        }
      }
      for (const funds of balance.pending) {
        const row = entry(funds.currency);
        row.pendingCents += funds.amount;
        for (const [source, amount] of Object.entries(funds.source_types ?? {})) {
          row.sourceTypes[`pending_${source}`] = (row.sourceTypes[`pending_${source}`] ?? 0) + (amount ?? 0);
        }
      }
      const usd = currencies.get('usd');
      return {
        availableCents: usd?.availableCents ?? 0,
        pendingCents: usd?.pendingCents ?? 0,
        byCurrency: [...currencies.values()],
      };
    },

    createTopup(
      params: { amountCents: number; description: string; statementDescriptor: string; requestId: string; ref: string },
      idempotencyKey: string,
    ): Promise<Stripe.Topup> {
      return stripe.topups.create(
        {
          amount: params.amountCents,
          currency: 'usd',
          description: params.description,
          statement_descriptor: params.statementDescriptor,
          metadata: { paydesk_request_id: params.requestId, paydesk_ref: params.ref },
        },
        { idempotencyKey },
      );
    },

    retrieveTopup(id: string): Promise<Stripe.Topup> {
      return stripe.topups.retrieve(id);
    },

    cancelTopup(id: string, idempotencyKey: string): Promise<Stripe.Topup> {
      return stripe.topups.cancel(id, {}, { idempotencyKey });
    },
  };
}

export type StripeGateway = ReturnType<typeof stripeGateway>;
