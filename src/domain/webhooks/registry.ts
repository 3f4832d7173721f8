import type Stripe from 'stripe';
import type { AuditFact } from '../audit/types';

export type StripeEventHandler = (event: Stripe.Event) => Promise<void>;

/** A Stripe object as it arrives in `event.data.object`: only `object` (its type) is relied on. */
export type StripeEventObject = { object?: string; id?: string; metadata?: Record<string, string> | null };

/** Says whether Paydesk created or linked the thing an event is about. */
export type OwnershipCheck<T> = (subject: T) => Promise<boolean>;

/**
 * Features register what they do with each Stripe event type, and which connected accounts and
 * which objects are theirs; intake knows none of them. An event about an account or object no
 * feature owns is acknowledged and ignored, and reported to the `onIgnored` listeners.
 */
export class StripeEventHandlers {
  private readonly handlers = new Map<string, StripeEventHandler[]>();
  private readonly objectOwners = new Map<string, OwnershipCheck<StripeEventObject>>();
  private accountOwner: OwnershipCheck<string> = async () => false;
  private readonly ignoredListeners: Array<(fact: AuditFact) => Promise<unknown>> = [];

  on(type: string, handler: StripeEventHandler): this {
    const list = this.handlers.get(type) ?? [];
    list.push(handler);
    this.handlers.set(type, list);
    return this;
  }

  for(type: string): StripeEventHandler[] {
    return this.handlers.get(type) ?? [];
  }

  types(): string[] {
    return [...this.handlers.keys()];
  }

  /** Connect events are acted on only for accounts this says Paydesk created or linked (none until set). */
  ownsAccounts(check: OwnershipCheck<string>): this {
    this.accountOwner = check;
    return this;
  }

  /** Events whose `data.object` is of this type are acted on only when this says Paydesk made it. */
  ownsObjects(objectType: string, check: OwnershipCheck<StripeEventObject>): this {
    this.objectOwners.set(objectType, check);
    return this;
  }

  /** Told (and awaited) about every verified event that is acknowledged without being acted on. */
  onIgnored(listener: (fact: AuditFact) => Promise<unknown>): this {
    this.ignoredListeners.push(listener);
    return this;
  }

  ownsAccount(accountId: string): Promise<boolean> {
    return this.accountOwner(accountId);
  }

  /** True when no feature claims objects of this type, else what the owning feature says. */
  ownsObject(object: StripeEventObject): Promise<boolean> {
    const check = typeof object.object === 'string' ? this.objectOwners.get(object.object) : undefined;
    return check ? check(object) : Promise.resolve(true);
  }

  async reportIgnored(fact: AuditFact): Promise<void> {
    for (const listener of this.ignoredListeners) await listener(fact);
  }
}
