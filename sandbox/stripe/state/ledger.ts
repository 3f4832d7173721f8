import type { SimulatedBalance } from './stripe-objects';

/** Who a balance belongs to: the platform, or a connected account id. */
export const PLATFORM = 'platform';

/**
 * Stripe splits a balance by where the money came from. Top-ups land in `bank_account`; charges (which this
 * platform does not make) would land in `card`.
 */
export type SourceType = 'bank_account' | 'card';

interface SourceAmounts {
  bank_account: number;
  card: number;
}

interface AccountBalance {
  available: SourceAmounts;
  pending: SourceAmounts;
}

export interface BalanceTotals {
  available: number;
  pending: number;
}

/** Integer-cent balances per owner. Amounts may go negative, as a Stripe balance can after a reversal. */
export class Ledger {
  private readonly balances = new Map<string, AccountBalance>();

  addPending(owner: string, source: SourceType, amount: number): void {
    this.balanceOf(owner).pending[source] += amount;
  }

  removePending(owner: string, source: SourceType, amount: number): void {
    this.balanceOf(owner).pending[source] -= amount;
  }

  makeAvailable(owner: string, source: SourceType, amount: number): void {
    const balance = this.balanceOf(owner);
    balance.pending[source] -= amount;
    balance.available[source] += amount;
  }

  credit(owner: string, source: SourceType, amount: number): void {
    this.balanceOf(owner).available[source] += amount;
  }

  debit(owner: string, source: SourceType, amount: number): void {
    this.balanceOf(owner).available[source] -= amount;
  }

  /**
   * Takes `amount` from the available balance if the total covers it, the named source type first. Real
   * Stripe can refuse a transfer whose `source_type` bucket alone is short; the simulator is lenient there so
   * a top-up funded balance pays a transfer without the caller naming `source_type=bank_account`.
   */
  withdraw(owner: string, amount: number, preferred: SourceType): boolean {
    const available = this.balanceOf(owner).available;
    if (available.bank_account + available.card < amount) return false;
    const other: SourceType = preferred === 'card' ? 'bank_account' : 'card';
    const fromPreferred = Math.min(Math.max(available[preferred], 0), amount);
    available[preferred] -= fromPreferred;
    available[other] -= amount - fromPreferred;
    return true;
  }

  /** Test set-up: the whole available balance becomes `amount`, as if topped up earlier. */
  setAvailable(owner: string, amount: number): void {
    this.balanceOf(owner).available = { bank_account: amount, card: 0 };
  }

  totals(owner: string): BalanceTotals {
    const { available, pending } = this.balanceOf(owner);
    return {
      available: available.bank_account + available.card,
      pending: pending.bank_account + pending.card,
    };
  }

  toStripeBalance(owner: string): SimulatedBalance {
    const { available, pending } = this.balanceOf(owner);
    const entry = (amounts: SourceAmounts) => ({
      amount: amounts.bank_account + amounts.card,
      currency: 'usd',
      source_types: { bank_account: amounts.bank_account, card: amounts.card },
    });
    return { object: 'balance', available: [entry(available)], pending: [entry(pending)], livemode: false };
  }

  private balanceOf(owner: string): AccountBalance {
    let balance = this.balances.get(owner);
    if (!balance) {
      balance = { available: { bank_account: 0, card: 0 }, pending: { bank_account: 0, card: 0 } };
      this.balances.set(owner, balance);
    }
    return balance;
  }
}
