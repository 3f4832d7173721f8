import type Stripe from 'stripe';
import type { OAuthExchange } from '../onboarding/types';

export type BalanceSummary = {
  availableCents: number;
  pendingCents: number;
  byCurrency: {
    currency: string;
    availableCents: number;
    pendingCents: number;
    sourceTypes: Record<string, number>;
  }[];
};

/**
 * What a failed money call means for the request:
 * - `definitive`: Stripe answered and did not do it (4xx). Safe to mark the request failed.
 *   `idempotency_error` is one too, but it means Paydesk reused a key: a bug, logged at error.
 * - `unknown`: no answer, a 5xx, a rate limit or a key still in use. Stripe may or may not have
 *   done it, so the request stays `submitting` and the reconciler finds out with the same key.
 *   `replayedError`: Stripe replayed a 5xx it stored for this key, so the first request has
 *   finished, and the same key gets only that 5xx for 24 hours (see requests/key-window.ts).
 */
export type StripeFailureKind =
  | { kind: 'definitive'; code: string; message: string; statusCode?: number }
  | { kind: 'unknown'; code: string; message: string; replayedError?: boolean };

/**
 * Every Stripe call the domain makes. Money-moving calls take the idempotency key stored with
 * the request. Objects are Stripe's own shapes (the `stripe` package's types).
 */
export type StripeGateway = {
  balance(): Promise<BalanceSummary>;
  createTopup(
    params: {
      amountCents: number;
      description: string;
      statementDescriptor: string;
      requestId: string;
      ref: string;
    },
    idempotencyKey: string,
  ): Promise<Stripe.Topup>;
  retrieveTopup(id: string): Promise<Stripe.Topup>;
  /** After Stripe's 24-hour idempotency window, find a top-up by its metadata. */
  findTopupByRequestId(requestId: string, amountCents: number): Promise<Stripe.Topup | undefined>;
  cancelTopup(id: string, idempotencyKey: string): Promise<Stripe.Topup>;
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
  ): Promise<Stripe.Transfer>;
  retrieveTransfer(id: string): Promise<Stripe.Transfer>;
  /**
   * Finds the transfer Paydesk made for a request (its `paydesk_request_id` metadata) among every
   * transfer of its group, page after page: a payout run's lines share one group.
   */
  findTransferByRequestId(transferGroup: string, requestId: string): Promise<Stripe.Transfer | undefined>;
  createReversal(
    transferId: string,
    params: { amountCents: number; reason: string },
    idempotencyKey: string,
  ): Promise<Stripe.TransferReversal>;
  /** After Stripe's 24-hour idempotency window, find a reversal by the key Paydesk stored with it. */
  findReversal(transferId: string, idempotencyKey: string): Promise<Stripe.TransferReversal | undefined>;
  /** The writer's Express account; the key (`account:<writerId>`) makes parallel clicks create one. */
  createExpressAccount(
    params: { writerId: string; email: string | null; slackTeamId: string; slackUserId: string },
    idempotencyKey: string,
  ): Promise<Stripe.Account>;
  createAccountLink(params: {
    account: string;
    refreshUrl: string;
    returnUrl: string;
  }): Promise<Stripe.AccountLink>;
  retrieveAccount(id: string): Promise<Stripe.Account>;
  createLoginLink(id: string): Promise<Stripe.LoginLink>;
  /** OAuth code → connected account id. The access token is dropped, never stored or logged. */
  exchangeOAuthCode(code: string): Promise<OAuthExchange>;
  /** What an error thrown by one of these calls means for the request. */
  classifyError(error: unknown): StripeFailureKind;
};
