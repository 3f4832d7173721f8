import type Stripe from 'stripe';
import type { OAuthExchange } from '../domain/onboarding/types';
import type { BalanceSummary, StripeGateway } from '../domain/ports/stripe-gateway';
import { classifyStripeError } from './errors';

export type { BalanceSummary, StripeGateway } from '../domain/ports/stripe-gateway';

/**
 * Every Stripe call Paydesk makes, in one place, so the contract tests can send each of them
 * to stripe-mock. Money-moving calls require the idempotency key stored with the request.
 */
export function stripeGateway(stripe: Stripe): StripeGateway {
  return {
    classifyError: classifyStripeError,
    async balance(): Promise<BalanceSummary> {
      const balance = await stripe.balance.retrieve();
      const currencies = new Map<string, BalanceSummary['byCurrency'][number]>();
      const entry = (currency: string) => {
        const existing = currencies.get(currency);
        if (existing) return existing;
        const created = {
          currency,
          availableCents: 0,
          pendingCents: 0,
          sourceTypes: {} as Record<string, number>,
        };
        currencies.set(currency, created);
        return created;
      };
      for (const funds of balance.available) {
        const row = entry(funds.currency);
        row.availableCents += funds.amount;
        for (const [source, amount] of Object.entries(funds.source_types ?? {})) {
          row.sourceTypes[`available_${source}`] =
            (row.sourceTypes[`available_${source}`] ?? 0) + (amount ?? 0);
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
      params: {
        amountCents: number;
        description: string;
        statementDescriptor: string;
        requestId: string;
        ref: string;
      },
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

    /** After Stripe's 24-hour idempotency window, the reconciler finds a top-up by its metadata. */
    async findTopupByRequestId(requestId: string, amountCents: number): Promise<Stripe.Topup | undefined> {
      for await (const topup of stripe.topups.list({ amount: amountCents, limit: 100 })) {
        if (topup.metadata?.paydesk_request_id === requestId) return topup;
      }
      return undefined;
    },

    cancelTopup(id: string, idempotencyKey: string): Promise<Stripe.Topup> {
      return stripe.topups.cancel(id, {}, { idempotencyKey });
    },

    createTransfer(
      params: {
        amountCents: number;
        destination: string;
        transferGroup: string;
        description: string;
        requestId: string;
        ref: string;
      },
      idempotencyKey: string,
    ): Promise<Stripe.Transfer> {
      return stripe.transfers.create(
        {
          amount: params.amountCents,
          currency: 'usd',
          destination: params.destination,
          transfer_group: params.transferGroup,
          ...(params.description ? { description: params.description } : {}),
          metadata: { paydesk_request_id: params.requestId, paydesk_ref: params.ref },
        },
        { idempotencyKey },
      );
    },

    retrieveTransfer(id: string): Promise<Stripe.Transfer> {
      return stripe.transfers.retrieve(id);
    },

    async findTransferByRequestId(
      transferGroup: string,
      requestId: string,
    ): Promise<Stripe.Transfer | undefined> {
      for await (const transfer of stripe.transfers.list({ transfer_group: transferGroup, limit: 100 })) {
        if (transfer.metadata?.paydesk_request_id === requestId) return transfer;
      }
      return undefined;
    },

    createReversal(
      transferId: string,
      params: { amountCents: number; reason: string },
      idempotencyKey: string,
    ): Promise<Stripe.TransferReversal> {
      return stripe.transfers.createReversal(
        transferId,
        {
          amount: params.amountCents,
          description: params.reason.slice(0, 500),
          metadata: { paydesk_reason: params.reason.slice(0, 500), paydesk_reversal_key: idempotencyKey },
        },
        { idempotencyKey },
      );
    },

    /** After Stripe's 24-hour idempotency window, find a reversal by the key Paydesk stored with it. */
    async findReversal(
      transferId: string,
      idempotencyKey: string,
    ): Promise<Stripe.TransferReversal | undefined> {
      for await (const reversal of stripe.transfers.listReversals(transferId, { limit: 100 })) {
        if (reversal.metadata?.paydesk_reversal_key === idempotencyKey) return reversal;
      }
      return undefined;
    },

    // --- Writer onboarding (Connect Express) ---

    /** The writer's Express account; the key (`account:<writerId>`) makes parallel clicks create one. */
    createExpressAccount(
      params: { writerId: string; email: string | null; slackTeamId: string; slackUserId: string },
      idempotencyKey: string,
    ): Promise<Stripe.Account> {
      return stripe.accounts.create(
        {
          type: 'express',
          ...(params.email ? { email: params.email } : {}),
          capabilities: { transfers: { requested: true } },
          metadata: {
            paydesk_writer_id: params.writerId,
            slack_team_id: params.slackTeamId,
            slack_user_id: params.slackUserId,
          },
        },
        { idempotencyKey },
      );
    },

    createAccountLink(params: {
      account: string;
      refreshUrl: string;
      returnUrl: string;
    }): Promise<Stripe.AccountLink> {
      return stripe.accountLinks.create({
        account: params.account,
        type: 'account_onboarding',
        refresh_url: params.refreshUrl,
        return_url: params.returnUrl,
      });
    },

    retrieveAccount(id: string): Promise<Stripe.Account> {
      return stripe.accounts.retrieve(id);
    },

    createLoginLink(id: string): Promise<Stripe.LoginLink> {
      return stripe.accounts.createLoginLink(id);
    },

    /** OAuth code → connected account id. The access token in the answer is dropped, never stored or logged. */
    async exchangeOAuthCode(code: string): Promise<OAuthExchange> {
      try {
        const token = await stripe.oauth.token({ grant_type: 'authorization_code', code });
        if (!token.stripe_user_id) return { ok: false, reason: 'stripe_error', code: 'no_stripe_user_id' };
        return { ok: true, stripeUserId: token.stripe_user_id, livemode: token.livemode === true };
      } catch (error) {
        const stripeError = error as { type?: string; code?: string; statusCode?: number };
        if (stripeError.type === 'StripeInvalidGrantError' || stripeError.code === 'invalid_grant') {
          return { ok: false, reason: 'invalid_grant', code: 'invalid_grant' };
        }
        return {
          ok: false,
          reason: 'stripe_error',
          code: String(stripeError.code ?? stripeError.type ?? 'unknown'),
        };
      }
    },
  };
}
