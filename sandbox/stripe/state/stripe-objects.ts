import type Stripe from 'stripe';
import type { StripeList } from '../api/list';

/*
 * The objects the simulator stores and returns, typed by stripe-node's own definitions so that what the app
 * reads from the simulator has the shape it would read from Stripe. Lists are the plain wire envelope
 * (stripe-node's ApiList type also carries its auto-pagination methods, which JSON cannot).
 */

export type SimulatedTopup = Stripe.Topup;

export type SimulatedTransferReversal = Stripe.TransferReversal;

export type SimulatedTransfer = Omit<Stripe.Transfer, 'reversals'> & {
  reversals: StripeList<SimulatedTransferReversal> & { total_count: number };
};

/** Stripe always sets `created` on accounts it returns to the platform; the type says it may be absent. */
export type SimulatedAccount = Omit<Stripe.Account, 'external_accounts' | 'created'> & { created: number };

export type SimulatedBalance = Stripe.Balance;

export type SimulatedAccountLink = Stripe.AccountLink;

export type SimulatedLoginLink = Stripe.LoginLink;
